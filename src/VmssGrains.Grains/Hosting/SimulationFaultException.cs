namespace VmssGrains.Grains.Hosting;

/// <summary>
/// The simulation itself failed: a grain's wake-up or one-way call threw, which Orleans would have logged and
/// ignored. Its message is one line naming what failed, e.g. <c>the simulation failed: the wake-up 3 of
/// scaleset/web at 2026-01-01T00:05:00.0000000+00:00 threw InvalidOperationException: ...</c>. A run that saw
/// one is not trustworthy; its driver ends with this error (the console: exit 1) instead of a report.
/// </summary>
public sealed class SimulationFaultException : Exception
{
    /// <summary>Creates the fault of <paramref name="what"/>, caused by <paramref name="error"/>.</summary>
    public SimulationFaultException(string what, Exception error)
        : base($"the simulation failed: {what} threw {error.GetType().Name}: {FirstLine(error.Message)}", error)
    {
        What = what;
    }

    /// <summary>What failed: the wake-up or call and its grain.</summary>
    public string What { get; }

    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();
}
