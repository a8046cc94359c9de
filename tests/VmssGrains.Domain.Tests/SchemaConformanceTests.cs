using System.Collections.Immutable;
using System.Text.Json.Nodes;
using VmssGrains.Abstractions.Json;
using VmssGrains.Domain.Instances;
using VmssGrains.Domain.Model;
using VmssGrains.Domain.Rolling;
using Xunit.Abstractions;

namespace VmssGrains.Domain.Tests;

/// <summary>
/// What we print in Azure's shapes (<see cref="AzureJson"/>) validated against the 2025-04-01 schema extracts in
/// tests/fixtures/azure/schema: no value breaks the schema, and no member is unknown to it except the simulation's own
/// extensions listed in <see cref="Extensions"/>.
/// </summary>
public class SchemaConformanceTests(ITestOutputHelper output)
{
    private const string ScaleSet = "web";
    private static readonly DateTimeOffset T0 = TestData.T0;
    private static readonly SwaggerSchema Schema = SwaggerSchema.Load(
        Path.Combine(TestData.AzureDirectory(), "schema", "2025-04-01"), "virtualMachineScaleSet.json", "computeRPCommon.json");

    private static readonly ImageReference Gallery = ImageReference.FromText(
        "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/vmss-sim/providers/Microsoft.Compute/galleries/g/images/web/versions/1.1.0")!;

    /// <summary>
    /// The allow-list: members we print that Azure's definition does not have. Each is a simulation extension that
    /// users of the simulator rely on.
    /// </summary>
    private static readonly Dictionary<string, string[]> Extensions = new(StringComparer.Ordinal)
    {
        ["RollingUpgradeStatusInfo"] = [],
        ["UpgradeOperationHistoricalStatusInfo"] = [],
        ["VirtualMachineScaleSetVMInstanceView"] =
        [
            // The image actually on the OS disk (Azure shows the model's imageReference in the VM's storageProfile, and
            // only osName/osVersion in the instance view): what a reimage changed is the point of the simulation.
            "imageReference",
            // The model version the instance runs (Azure only says latestModelApplied, on the VM): lets a reader see which update it missed.
            "latestModelVersion",
            // When the instance was created; Azure has timeCreated on the VM's properties, not in its instance view.
            "timeCreated",

            // Not reported, because the extract lacks computeRPCommon.json's DiskInstanceView (disks[*] is accepted as
            // anything): the full spec's DiskInstanceView has only name, encryptionSettings and statuses, so our
            // disks[*].osDisk, .generation, .createdFromImage and .files (the simulated disk contents) are extensions too.
            // Once the extract gains DiskInstanceView this test lists them, and they belong here.
        ],
        ["VirtualMachineScaleSetVM"] = [],
    };

    /// <summary>
    /// Members the extracts cannot decide on: the definition inherits (allOf) from common-types' Resource, which was
    /// not extracted. Azure's compute common-types Resource defines id, name, type, location and tags.
    /// </summary>
    private static readonly Dictionary<string, string[]> InheritedFromResource = new(StringComparer.Ordinal)
    {
        ["RollingUpgradeStatusInfo"] = ["location", "type"],
        ["UpgradeOperationHistoricalStatusInfo"] = [],
        ["VirtualMachineScaleSetVMInstanceView"] = [],
        ["VirtualMachineScaleSetVM"] = ["id", "location", "name", "type"],
    };

    private static readonly RollingUpgradePolicy CustomPolicy = new()
    {
        MaxBatchInstancePercent = 25,
        MaxUnhealthyInstancePercent = 5,
        MaxUnhealthyUpgradedInstancePercent = 0,
        PauseTimeBetweenBatches = TimeSpan.FromSeconds(90),
        EnableCrossZoneUpgrade = true,
        PrioritizeUnhealthyInstances = true,
        RollbackFailedInstancesOnPolicyBreach = true,
        MaxSurge = true,
    };

    private static readonly InstanceOutcome ExtensionFailed = new("3", false, "VMExtensionProvisioningError", "VM has reported a failure when processing extension 'app'.");

    private static readonly InstanceOutcome Unhealthy = new("5", false);

    /// <summary>Runs in every state a status can show, built with the domain's own records and error builders.</summary>
    private static readonly Dictionary<string, RunState> Runs = new(StringComparer.Ordinal)
    {
        ["rolling forward with a failed instance"] = Run() with
        {
            Policy = CustomPolicy,
            Pending = ["6", "7"],
            InFlight = ["4", "5"],
            Succeeded = ["0", "1", "2"],
            Failed = ImmutableDictionary<string, InstanceOutcome>.Empty.Add("3", ExtensionFailed),
            Batches =
            [
                new BatchRecord(1, "1", ["0", "1"], T0, T0.AddMinutes(6)),
                new BatchRecord(2, "1", ["2", "3"], T0.AddMinutes(7), T0.AddMinutes(13)),
                new BatchRecord(3, "2", ["4", "5"], T0.AddMinutes(14)),
            ],
            Error = RollingUpgradeErrors.WithFailed(ScaleSet, [ExtensionFailed]),
            Phase = RunPhase.InBatch,
        },
        ["faulted before the first batch"] = Ended(Run(), RunStatusCode.Faulted) with
        {
            Pending = ["0", "1", "2"],
            Error = RollingUpgradeErrors.UnhealthyBeforeBatch(firstBatch: true, ScaleSet, ["0", "1", "2"], 3, 20),
        },
        ["faulted after a batch"] = Ended(Run(), RunStatusCode.Faulted) with
        {
            Succeeded = ["4"],
            Failed = ImmutableDictionary<string, InstanceOutcome>.Empty.Add("3", ExtensionFailed).Add("5", Unhealthy),
            Pending = ["6", "7"],
            Batches = [new BatchRecord(1, null, ["3", "4", "5"], T0, T0.AddMinutes(9))],
            Error = RollingUpgradeErrors.UpgradedUnhealthy(ScaleSet, [ExtensionFailed, Unhealthy], 3, 20),
        },
        ["cancelled"] = Ended(Run(), RunStatusCode.Cancelled) with
        {
            Succeeded = ["0", "1"],
            Pending = ["2", "3"],
            LastAction = "Cancel",
            LastActionTime = T0.AddMinutes(4),
            Batches = [new BatchRecord(1, null, ["0", "1"], T0, T0.AddMinutes(6))],
        },
        ["platform OS upgrade completed with rollbacks"] = Ended(Run(), RunStatusCode.Completed) with
        {
            Kind = RunKind.OSUpgrade,
            StartedBy = "Platform",
            TargetImage = Gallery,
            Succeeded = ["0", "1", "2"],
            RolledBackSucceeded = 1,
            RolledBackFailed = 1,
        },
        ["user OS upgrade still running"] = Run() with
        {
            Kind = RunKind.OSUpgrade,
            TargetImage = TestData.NewImage,
            InFlight = ["0"],
            Pending = ["1"],
            Phase = RunPhase.InBatch,
        },
        ["automatic mode, one ungated batch"] = Ended(Run(), RunStatusCode.Completed) with
        {
            Kind = RunKind.Automatic,
            Gated = false,
            Succeeded = ["0", "1", "2", "3"],
            Batches = [new BatchRecord(1, null, ["0", "1", "2", "3"], T0, T0.AddMinutes(5))],
        },
    };

    private static readonly ExtensionSpec App = new() { Name = "app", Publisher = "Microsoft.Azure.Extensions", Type = "CustomScript" };

    private static readonly ExtensionSpec Health = new() { Name = "health", Publisher = "Microsoft.ManagedServices", Type = "ApplicationHealthLinux" };

    /// <summary>Instances in the states an instance view shows.</summary>
    private static readonly Dictionary<string, InstanceState> Instances = new(StringComparer.Ordinal)
    {
        ["deployed, zonal, two extensions"] = InstanceMachine.Deployed(ScaleSet, "0", "1", 0, 1, TestData.OldImage, [App, Health], ["web-lb"], TestData.ProfileKey, T0),
        ["reimaged, extension failed"] = InstanceMachine.Deployed(ScaleSet, "3", null, 3, 1, TestData.OldImage, [App], ["web-lb"], TestData.ProfileKey, T0) with
        {
            Image = Gallery,
            ModelVersion = 2,
            Health = HealthState.Unhealthy,
            ProvisioningState = "Failed",
            OsDisk = new DiskState(2, Gallery.ToString(), []),
            Extensions = [new ExtensionStatus("app", App.Fingerprint, null, "Failed", "VM has reported a failure when processing extension 'app'.")],
            LastError = "VM has reported a failure when processing extension 'app'.",
            InPool = false,
        },
        ["being created"] = InstanceMachine.New(ScaleSet, "8", "2", 1, Gallery, ["web-lb"], TestData.ProfileKey, T0.AddHours(1)),
        ["initializing"] = InstanceMachine.Deployed(ScaleSet, "4", null, 4, 2, Gallery, [Health], [], TestData.ProfileKey, T0) with { Health = HealthState.Initializing, PowerState = "starting" },
    };

    /// <summary>Instances as list-instances shows them.</summary>
    private static readonly Dictionary<string, InstanceSummary> Summaries = new(StringComparer.Ordinal)
    {
        ["zonal, latest model"] = new() { InstanceId = "0", Zone = "1", FaultDomain = 0, ModelVersion = 2, Image = Gallery },
        ["regional, stale, protected"] = new()
        {
            InstanceId = "7", FaultDomain = 2, ModelVersion = 1, Image = TestData.OldImage, Health = HealthState.Unhealthy,
            ProtectFromScaleIn = true, ProtectFromScaleSetActions = true, ProvisioningState = "Updating",
        },
        ["unknown health, failed"] = new() { InstanceId = "12", Zone = "3", ModelVersion = 2, Image = TestData.NewImage, Health = HealthState.Unknown, ProvisioningState = "Failed" },
    };

    public static TheoryData<string> RunNames() => [.. Runs.Keys];

    public static TheoryData<string> InstanceNames() => [.. Instances.Keys];

    public static TheoryData<string> SummaryNames() => [.. Summaries.Keys];

    [Theory]
    [MemberData(nameof(RunNames))]
    public void RollingUpgradeStatus_EveryRunState_ConformsToRollingUpgradeStatusInfo(string run) =>
        AssertConforms(AzureJson.RollingUpgradeStatus(Runs[run], AzureJson.AbsoluteTime, "westeurope"), "RollingUpgradeStatusInfo");

    [Theory]
    [MemberData(nameof(RunNames))]
    public void OsUpgradeHistoryEntry_EveryRunState_ConformsToUpgradeOperationHistoricalStatusInfo(string run) =>
        AssertConforms(AzureJson.OsUpgradeHistoryEntry(Runs[run], AzureJson.AbsoluteTime, "westeurope"), "UpgradeOperationHistoricalStatusInfo");

    [Theory]
    [MemberData(nameof(InstanceNames))]
    public void InstanceView_EveryInstanceState_ConformsToVirtualMachineScaleSetVMInstanceView(string instance) =>
        AssertConforms(AzureJson.InstanceView(Instances[instance], AzureJson.AbsoluteTime), "VirtualMachineScaleSetVMInstanceView");

    [Theory]
    [MemberData(nameof(SummaryNames))]
    public void Instance_EverySummary_ConformsToVirtualMachineScaleSetVM(string instance) =>
        AssertConforms(AzureJson.Instance(new ScaleSetModel { Name = ScaleSet, Image = Summaries[instance].Image, Location = "westeurope", ResourceId = ResourceDocument.Id(ScaleSet) }, Summaries[instance], modelVersion: 2), "VirtualMachineScaleSetVM");

    [Fact]
    public void Validate_WrongTypeAndBadEnum_AreReported()
    {
        var status = AzureJson.RollingUpgradeStatus(Runs["cancelled"], AzureJson.AbsoluteTime, "westeurope");
        status["properties"]!["progress"]!["successfulInstanceCount"] = "2";
        status["properties"]!["runningStatus"]!["code"] = "cancelled";
        status["properties"]!["runningStatus"]!["startTime"] = "2025-01-01 00:00";
        status["properties"]!["policy"]!["maxBatchInstancePercent"] = 1;
        status["properties"]!["policy"]!["maxSurge"] = "false";
        status["properties"]!["progress"]!["skippedInstanceCount"] = 0;

        var report = Schema.Validate(status, "RollingUpgradeStatusInfo");

        Assert.Equal(
        [
            "properties.policy.maxBatchInstancePercent: 1 is outside 5..100",
            "properties.policy.maxSurge: expected a boolean, found the string 'false'",
            "properties.runningStatus.code: 'cancelled' is not one of RollingForward, Cancelled, Completed, Faulted",
            "properties.runningStatus.startTime: '2025-01-01 00:00' is not an ISO 8601 date-time",
            "properties.progress.successfulInstanceCount: expected an integer, found the string '2'",
        ], report.Errors);
        Assert.Equal(["properties.progress.skippedInstanceCount"], report.Unknown);
    }

    [Fact]
    public void Validate_RequiredMemberAndNestedArrays_AreChecked()
    {
        var missing = Schema.Validate(new JsonObject(), "VirtualMachineScaleSetVMInstanceRequiredIDs");
        var wrongItem = Schema.Validate(new JsonObject { ["instanceIds"] = new JsonArray("0", 1) }, "VirtualMachineScaleSetVMInstanceRequiredIDs");
        var history = Schema.Validate(new JsonObject { ["value"] = new JsonArray(new JsonObject { ["properties"] = new JsonObject { ["startedBy"] = "Someone" } }) }, "VirtualMachineScaleSetListOSUpgradeHistory");

        Assert.Equal(["instanceIds: is required"], missing.Errors);
        Assert.Equal(["instanceIds[1]: expected a string, found the number 1"], wrongItem.Errors);
        Assert.Equal(["value[0].properties.startedBy: 'Someone' is not one of Unknown, User, Platform"], history.Errors);
    }

    /// <summary>The validator is not stricter than Azure: Azure's own examples and outputs pass, bar the 2017 preview's spelling.</summary>
    [Theory]
    [InlineData("rest-api-examples/2025-04-01/VirtualMachineScaleSetRollingUpgrade_GetLatest_MaximumSet_Gen.json", "responses.200.body", "RollingUpgradeStatusInfo", "")]
    [InlineData("rest-api-examples/2025-04-01/VirtualMachineScaleSet_GetOSUpgradeHistory_MaximumSet_Gen.json", "responses.200.body", "VirtualMachineScaleSetListOSUpgradeHistory", "")]
    [InlineData("rest-api-examples/2025-04-01/VirtualMachineScaleSetVM_Get_InstanceViewAutoPlacedOnDedicatedHostGroup.json", "responses.200.body", "VirtualMachineScaleSetVMInstanceView", "")]
    [InlineData("rest-api-examples/2025-04-01/VirtualMachineScaleSetVM_Get_WithVMSizeProperties.json", "responses.200.body", "VirtualMachineScaleSetVM", "")]
    [InlineData("observed-outputs/osUpgradeHistory.RollingForward.docs-sample.json", "", "VirtualMachineScaleSetListOSUpgradeHistory", "value[*].properties.runningStatus.completedTime")]
    [InlineData("observed-outputs/rollingUpgrades-latest.2017-03-30.Completed.json", "", "RollingUpgradeStatusInfo", "properties.progress.inprogressInstanceCount")]
    public void Validate_AzureOwnDocuments_PassExceptForOldSpellings(string file, string member, string definition, string unknown)
    {
        var document = JsonNode.Parse(TestData.AzureFile(file));
        foreach (var segment in member.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            document = document![segment];
        }

        var report = Schema.Validate(document, definition);

        Assert.Empty(report.Errors);
        Assert.Equal(unknown.Length == 0 ? [] : [unknown], report.UnknownPatterns);
    }

    private void AssertConforms(JsonObject json, string definition)
    {
        var report = Schema.Validate(json, definition);
        foreach (var any in report.AcceptedAsAny)
        {
            output.WriteLine($"accepted as any (not extracted): {any}");
        }

        Assert.Empty(report.Errors);
        Assert.Equal(Extensions[definition], report.UnknownPatterns);
        Assert.Equal(InheritedFromResource[definition], report.UnverifiedPatterns);
    }

    private static RunState Run() => new()
    {
        RunId = "run-1",
        ScaleSet = ScaleSet,
        StartTime = T0,
        LastActionTime = T0,
    };

    private static RunState Ended(RunState run, RunStatusCode code) =>
        run with { Code = code, Phase = RunPhase.Ended, EndTime = T0.AddMinutes(20) };
}
