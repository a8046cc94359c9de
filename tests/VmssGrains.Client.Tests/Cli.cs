using VmssGrains.Client.Cli;

namespace VmssGrains.Client.Tests;

/// <summary>Runs the console in this process with captured output.</summary>
public static class Cli
{
    /// <summary>Runs <c>vmss</c> with <paramref name="args"/>.</summary>
    public static async Task<CliResult> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CliApp.RunAsync(args, output, error);
        return new CliResult(code, output.ToString(), error.ToString());
    }

    /// <summary>Runs <c>vmss</c> and asserts exit code 0.</summary>
    public static async Task<CliResult> OkAsync(params string[] args)
    {
        var result = await RunAsync(args);
        Assert.True(result.ExitCode == 0, $"vmss {string.Join(' ', args)}\n{result}");
        return result;
    }
}
