namespace VmssGrains.Silo;

/// <summary>
/// The silo's command line: settings as <c>--Section:Key=value</c> (or <c>--Section:Key value</c>, <c>/Section:Key=value</c>,
/// <c>Section:Key=value</c>), read by .NET's command-line configuration. That reader skips a key with no value and a
/// word with no <c>=</c>, and throws on a single-dash switch; each is one line naming the argument here.
/// </summary>
public static class SiloArguments
{
    /// <summary>Why <paramref name="args"/> cannot be read as settings; null when they can.</summary>
    public static string? Check(IReadOnlyList<string> args)
    {
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg.StartsWith("--", StringComparison.Ordinal) || arg.StartsWith('/'))
            {
                if (!arg.Contains('=', StringComparison.Ordinal) && ++i == args.Count)
                {
                    return $"'{arg}' has no value; pass settings as --Section:Key=value (e.g. --Silo:SiloPort=11112)";
                }
            }
            else if (arg.StartsWith('-') || !arg.Contains('=', StringComparison.Ordinal))
            {
                return $"'{arg}' is not a setting; pass settings as --Section:Key=value (e.g. --Silo:SiloPort=11112)";
            }
        }

        return null;
    }
}
