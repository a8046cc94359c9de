using VmssGrains.Domain.Fleet;
using VmssGrains.Domain.Model;
using static VmssGrains.Domain.Tests.TestData;

namespace VmssGrains.Domain.Tests;

public class RunScopeTests
{
    [Fact]
    public void Stale_MixedModelVersions_ListsOldOnesInIdOrder()
    {
        List<InstanceSummary> fleet = [.. Regional(12).Select(i => i with { ModelVersion = int.Parse(i.InstanceId, System.Globalization.CultureInfo.InvariantCulture) % 2 == 0 ? 1 : 2 })];

        Assert.Equal(["0", "2", "4", "6", "8", "10"], RunScope.Stale(fleet, 2).ToArray());
    }

    [Fact]
    public void Stale_ProtectedFromScaleSetActions_IsLeftOut()
    {
        List<InstanceSummary> fleet = [.. Regional(3)];
        fleet[1] = fleet[1] with { ProtectFromScaleSetActions = true, ProtectFromScaleIn = true };

        Assert.Equal(["0", "2"], RunScope.Stale(fleet, 2).ToArray());
    }

    [Fact]
    public void Stale_BeingDeleted_IsLeftOut()
    {
        List<InstanceSummary> fleet = [.. Regional(3)];
        fleet[2] = fleet[2] with { ProvisioningState = "Deleting" };

        Assert.Equal(["0", "1"], RunScope.Stale(fleet, 2).ToArray());
    }

    [Fact]
    public void NotOnImage_SomeOnTarget_ListsTheOthers()
    {
        List<InstanceSummary> fleet = [.. Regional(3)];
        fleet[0] = fleet[0] with { Image = NewImage };

        Assert.Equal(["1", "2"], RunScope.NotOnImage(fleet, NewImage).ToArray());
    }
}
