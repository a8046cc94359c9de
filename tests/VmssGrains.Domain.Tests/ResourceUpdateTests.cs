using VmssGrains.Domain.Model;

namespace VmssGrains.Domain.Tests;

/// <summary>A PATCH is checked and read one way, by the scale set and the scenario reader alike (<see cref="ResourceUpdate"/>).</summary>
public sealed class ResourceUpdateTests
{
    private const string Resource = """
        {
          "name": "web", "location": "eastus", "sku": { "name": "Standard_D2s_v3", "capacity": 2 },
          "properties": {
            "upgradePolicy": { "mode": "Rolling" },
            "virtualMachineProfile": {
              "storageProfile": { "imageReference": { "id": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/galleries/g/images/web/versions/1.0.0" } }
            }
          }
        }
        """;

    private static (System.Collections.Immutable.ImmutableArray<ValidationError> Problems, ScaleSetModel? Model, bool Forbidden) Apply(string patch)
    {
        var problems = ResourceUpdate.Apply(ScaleSetModelReader.ParseObject(Resource), ScaleSetModelReader.ParseObject(patch), "web", out _, out var model, out var forbidden);
        return (problems, model, forbidden);
    }

    [Fact]
    public void Apply_ValidPatch_GivesTheMergedModel()
    {
        var (problems, model, forbidden) = Apply("""{ "sku": { "capacity": 5 }, "properties": { "upgradePolicy": { "mode": "Automatic" } } }""");

        Assert.Empty(problems);
        Assert.False(forbidden);
        Assert.Equal((5, UpgradeMode.Automatic), (model!.Capacity, model.UpgradePolicy.Mode));
    }

    [Fact]
    public void Apply_UnknownMember_IsInvalidRequestContentQuotingThePatchPath()
    {
        var (problems, model, forbidden) = Apply("""{ "properties": { "bogusProp": 1 } }""");

        Assert.Equal(("InvalidRequestContent", null), (problems[0].Code, problems[0].Target));
        Assert.StartsWith("the patch: 'properties.bogusProp' does not exist in scale set 'web'", problems[0].Message, StringComparison.Ordinal);
        Assert.Null(model);
        Assert.False(forbidden);
    }

    [Fact]
    public void Apply_LocationChange_IsAForbiddenChange()
    {
        var (problems, model, forbidden) = Apply("""{ "location": "westus" }""");

        Assert.Equal(("PropertyChangeNotAllowed", "location"), (problems.Single().Code, problems[0].Target));
        Assert.Null(model);
        Assert.True(forbidden);
    }

    [Fact]
    public void Apply_PatchGivingAnInvalidModel_ReportsTheModelsError()
    {
        var (problems, model, forbidden) = Apply("""{ "properties": { "upgradePolicy": { "rollingUpgradePolicy": { "maxBatchInstancePercent": 101 } } } }""");

        Assert.Equal(("InvalidParameter", "properties.upgradePolicy.rollingUpgradePolicy.maxBatchInstancePercent"), (problems[0].Code, problems[0].Target));
        Assert.Null(model);
        Assert.False(forbidden);
    }

    [Theory]
    [InlineData(false, false, true)]
    [InlineData(true, false, true)]
    [InlineData(true, true, true)]
    [InlineData(false, true, false)]
    public void ProtectionProblem_ProtectionFromScaleSetActions_RequiresProtectionFromScaleIn(bool scaleIn, bool scaleSetActions, bool valid)
    {
        var problem = ResourceUpdate.ProtectionProblem(scaleIn, scaleSetActions);

        Assert.Equal(valid, problem is null);
        if (problem is not null)
        {
            Assert.Equal(("InvalidParameter", "protectionPolicy.protectFromScaleSetActions"), (problem.Code, problem.Target));
        }
    }

    [Theory]
    [InlineData(-1, false)]
    [InlineData(0, true)]
    [InlineData(1_000_000, true)]
    [InlineData(1_000_001, false)]
    public void CapacityProblem_AllowsZeroToTheMaximum(long capacity, bool valid)
    {
        var problem = ResourceUpdate.CapacityProblem(capacity);

        Assert.Equal(valid, problem is null);
        Assert.Equal(valid ? null : $"sku.capacity: {capacity} is out of range: allowed 0–{ScaleSetModelReader.MaxCapacity}", problem?.ToString());
    }
}
