using VmssGrains.Client.Cli;
using VmssGrains.Domain.Rolling;

namespace VmssGrains.Client.Tests;

/// <summary>The exit-code contract without a cluster: the table in --help, bad --timeout values, the Azure code mapping.</summary>
public sealed class ExitCodeTests
{
    private const string Table = """
        Exit codes:
          0    success
          1    runtime failure: the cluster cannot be reached, an operation was refused (Conflict,
               OperationNotAllowed) or failed, watch --timeout elapsed
          2    usage or validation: a bad flag, file, JSON path or range, an unknown scale set or instance id,
               a reference to an image, version or load balancer that does not exist
          3    the simulated run waited for did not complete: watch --until-settled (its run ended Faulted,
               Cancelled or Failed), simulate --fail-on (a run or instance matched)
          130  interrupted (Ctrl+C)
        """;

    [Theory]
    [InlineData("--help")]
    [InlineData("watch", "--help")]
    [InlineData("simulate", "--help")]
    [InlineData("update", "--help")]
    [InlineData("rolling-upgrade", "start", "--help")]
    public async Task Help_RootAndVerbsThatWait_EndWithTheExitCodeTable(params string[] args)
    {
        var result = await Cli.RunAsync(args);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Err);
        Assert.EndsWith(Table.ReplaceLineEndings("\n") + "\n", result.Out.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("show", "--help")]
    [InlineData("create", "--help")]
    public async Task Help_VerbsThatDoNotWait_HaveNoExitCodeTable(params string[] args)
    {
        var result = await Cli.RunAsync(args);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Usage:", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("Exit codes:", result.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("0")]
    [InlineData("PT0S")]
    [InlineData("P8D")]
    [InlineData("1e3")]
    public async Task WatchTimeout_NotAPositiveWallTime_IsAUsageError(string value)
    {
        var result = await Cli.RunAsync("watch", "-n", "x", "--until-settled", "--timeout", value);
        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"error: --timeout: '{value}' is not a wall time; use seconds (e.g. 90) or an ISO 8601 duration (e.g. PT1M30S), more than 0 and at most 7 days (see --help)", result.ErrorLine);
    }

    [Fact]
    public async Task WatchTimeout_WithoutUntilSettled_IsAUsageError()
    {
        var result = await Cli.RunAsync("watch", "-n", "x", "--timeout", "30");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: --timeout: only with --until-settled (without it, watch runs until Ctrl+C) (see --help)", result.ErrorLine);
    }

    [Theory]
    [InlineData("90", 90_000)]
    [InlineData("2.5", 2_500)]
    [InlineData("PT1M30S", 90_000)]
    [InlineData("pt0.5s", 500)]
    [InlineData("P7D", 604_800_000)]
    public void WallTimeout_SecondsOrIsoDuration_Parses(string text, long milliseconds)
    {
        Assert.True(WallTimeout.TryParse(text, out var value));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), value);
    }

    [Theory]
    [InlineData("InvalidParameter", 2)]
    [InlineData("BadRequest", 2)]
    [InlineData("InvalidRequestContent", 2)]
    [InlineData("NotFound", 2)]
    [InlineData("ResourceNotFound", 2)]
    [InlineData("OperationNotAllowed", 1)]
    [InlineData("Conflict", 1)]
    [InlineData("AllocationFailed", 1)]
    public void AzureErrorCodes_BadOrUnknownInputIs2_RefusalsAndTheRestAre1(string code, int exitCode) =>
        Assert.Equal(exitCode, AzureErrorCodes.ExitCode(code));

    [Theory]
    [InlineData(RunStatusCode.Completed, false)]
    [InlineData(RunStatusCode.RollingForward, false)]
    [InlineData(RunStatusCode.Faulted, true)]
    [InlineData(RunStatusCode.Cancelled, true)]
    public void RunOutcome_AnyEndButCompleted_FailsTheGate(RunStatusCode code, bool failed) =>
        Assert.Equal(failed, RunOutcome.Failed(code));
}
