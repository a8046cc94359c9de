using VmssGrains.Simulation.Driving;

namespace VmssGrains.Client.Tests;

/// <summary>
/// One silo process (silo/) on a slow clock, <c>scaled:20</c>, for the tests that interrupt a verb while it waits: a
/// scale set of four instances provisions in 6 s of wall time and rolls to a new image in about 80 s (four batches of
/// one instance, each some 6½ simulated minutes), long enough to interrupt a verb in the middle of it. The gallery
/// holds <c>web</c> 1.0.0 and 1.1.0, and the load balancer <c>slow-lb</c> is configured.
/// </summary>
public sealed class SlowSiloFixture : IAsyncLifetime
{
    /// <summary>The load balancer of the scale sets the tests create.</summary>
    public const string LoadBalancer = "slow-lb";

    private SignalledProcess? silo;

    /// <summary>The silo's gateway, as <c>--cluster</c> takes it.</summary>
    public string Gateway { get; private set; } = "";

    /// <summary>The cluster id, as <c>--cluster-id</c> takes it.</summary>
    public string ClusterId { get; } = $"vmss-slow-{Guid.NewGuid():N}";

    /// <summary>What the silo printed, for failure messages.</summary>
    public string SiloOutput => silo?.ToString() ?? "";

    /// <inheritdoc/>
    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(Repo.SiloDll), $"build silo/ first: {Repo.SiloDll} is missing");
        var ports = ChildProcess.FreePorts(3);
        silo = SignalledProcess.Start(
            Repo.SiloDll,
            [$"--Silo:SiloPort={ports[0]}", $"--Silo:PrimarySiloPort={ports[0]}", $"--Silo:GatewayPort={ports[1]}", $"--Silo:WebPort={ports[2]}", $"--Silo:ClusterId={ClusterId}", "--Simulation:Clock=scaled:20"],
            new Dictionary<string, string> { ["DOTNET_ENVIRONMENT"] = "Production", ["Logging__LogLevel__Default"] = "Warning" });
        Gateway = $"127.0.0.1:{ports[1]}";
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        while ((await RunAsync("image", "list")).ExitCode != 0)
        {
            Assert.False(silo.HasExited, $"the silo exited:\n{silo}");
            await WallTime.DelayAsync(TimeSpan.FromMilliseconds(250), deadline.Token);
        }

        await OkAsync("lb", "configure", "-n", LoadBalancer, "--requests-per-second", "4000", "--capacity-per-instance", "1000");
        await OkAsync("image", "publish", "--image", "web", "--version", "1.0.0");
        await OkAsync("image", "publish", "--image", "web", "--version", "1.1.0");
    }

    /// <summary>Runs a verb in this process against the silo.</summary>
    public Task<CliResult> RunAsync(params string[] args) => Cli.RunAsync([.. args, "--cluster", Gateway, "--cluster-id", ClusterId]);

    /// <summary>Runs a verb in this process against the silo and asserts exit code 0.</summary>
    public Task<CliResult> OkAsync(params string[] args) => Cli.OkAsync([.. args, "--cluster", Gateway, "--cluster-id", ClusterId]);

    /// <summary>Starts the built <c>vmss</c> as a child process against the silo.</summary>
    public SignalledProcess StartVmss(params string[] args) => SignalledProcess.Start(Repo.ClientDll, [.. args, "--cluster", Gateway, "--cluster-id", ClusterId]);

    /// <summary>Creates a Rolling scale set of four instances on <c>web</c> 1.0.0 and waits until it is provisioned.</summary>
    public Task CreateAsync(string name) =>
        OkAsync("create", "-n", name, "--image", "web:1.0.0", "--instance-count", "4", "--upgrade-policy-mode", "Rolling", "--lb", LoadBalancer);

    /// <inheritdoc/>
    public async Task DisposeAsync()
    {
        if (silo is not null)
        {
            await silo.DisposeAsync();
        }
    }
}
