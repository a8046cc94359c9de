using System.Text.Json.Nodes;

namespace VmssGrains.Client.Tests.Differential;

/// <summary>
/// One scenario and seed give one report in every process, not only in one: .NET randomises string hash codes per
/// process, so a rule that read a hashed collection in its own order (a run's failed instances, kept by instance id)
/// named a different "most impactful error" from one process to the next (found in review: 2 Orleans runs in 5, 1
/// reference run in 6). The differential tests cannot see that: both engines run in one test process, with one hash seed.
/// </summary>
public sealed class CrossProcessDeterminismTests
{
    /// <summary>Five separate processes on the reference engine, one scenario whose post-batch breach has several errors: one message.</summary>
    [Fact]
    public async Task PostBatchBreach_MostImpactfulError_IsTheSameInEveryProcess()
    {
        var scenario = Path.Combine(Repo.Root, "tests", "VmssGrains.Client.Tests", "Differential", "Repros", "impactful-error.json");
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var messages = new HashSet<string>(StringComparer.Ordinal);
        for (var run = 0; run < 5; run++)
        {
            var result = await ChildProcess.RunAsync(Repo.ClientDll, ["simulate", "--scenario", scenario, "--engine", "reference", "--output", "json"], deadline.Token);
            Assert.True(result.ExitCode == 0, $"simulate exited {result.ExitCode}: {result.Err}");
            messages.Add(JsonNode.Parse(result.Out)!["actions"]![0]!["error"]!["message"]!.GetValue<string>());
        }

        var message = Assert.Single(messages);
        Assert.Contains("The most impactful error is: ", message, StringComparison.Ordinal);
    }
}
