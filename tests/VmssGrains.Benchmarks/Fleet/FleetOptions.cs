using System.Globalization;

namespace VmssGrains.Benchmarks.Fleet;

/// <summary>
/// The fleet mode's arguments: <c>fleet SETSxINSTANCES [--silos N] [--engine orleans|reference|both]
/// [--repetitions N] [--in-process]</c>, e.g. <c>fleet 100x1000</c> (100 scale sets of 1,000 instances, each behind its
/// own load balancer).
/// </summary>
internal sealed record FleetOptions
{
    /// <summary>The usage line printed with every argument error.</summary>
    public const string Usage = "usage: fleet SETSxINSTANCES [--silos N (1-16, default 2)] [--engine orleans|reference|both (default both)] [--repetitions N (default 1)] [--in-process]";

    /// <summary>Scale sets in the fleet (1–10,000, a scenario fleet's limit).</summary>
    public int Sets { get; init; }

    /// <summary>Instances per scale set (1–1,000,000, the simulator's <c>sku.capacity</c> limit).</summary>
    public int InstancesPerSet { get; init; }

    /// <summary>Silos of the Orleans engine's in-process cluster.</summary>
    public short Silos { get; init; } = 2;

    /// <summary>The engines measured.</summary>
    public FleetEngine Engine { get; init; } = FleetEngine.Both;

    /// <summary>Measured runs per engine; the figures are their medians.</summary>
    public int Repetitions { get; init; } = 1;

    /// <summary>One run of one engine in this process (what each child process of the benchmark does).</summary>
    public bool InProcess { get; init; }

    /// <summary>Every instance of the fleet.</summary>
    public long Instances => (long)Sets * InstancesPerSet;

    /// <summary>The shape as written on the command line (<c>100x1000</c>).</summary>
    public string Shape => string.Create(CultureInfo.InvariantCulture, $"{Sets}x{InstancesPerSet}");

    /// <summary>Reads the arguments after <c>fleet</c>; throws <see cref="FormatException"/> with one line naming the bad argument.</summary>
    public static FleetOptions Parse(IReadOnlyList<string> args)
    {
        if (args.Count == 0 || args[0].StartsWith("--", StringComparison.Ordinal))
        {
            throw new FormatException("fleet: the fleet shape is required, e.g. 100x1000 (scale sets x instances per set)");
        }

        var shape = args[0].Split('x', 'X');
        if (shape.Length != 2)
        {
            throw new FormatException($"fleet: '{args[0]}' is not a fleet shape SETSxINSTANCES, e.g. 100x1000");
        }

        var options = new FleetOptions
        {
            Sets = Number(shape[0], "scale sets in the shape", 1, 10_000),
            InstancesPerSet = Number(shape[1], "instances per set in the shape", 1, 1_000_000),
        };
        for (var i = 1; i < args.Count; i++)
        {
            var name = args[i];
            if (name == "--in-process")
            {
                options = options with { InProcess = true };
                continue;
            }

            if (name is not ("--silos" or "--engine" or "--repetitions"))
            {
                throw new FormatException($"fleet: unknown argument '{name}'");
            }

            if (++i == args.Count)
            {
                throw new FormatException($"fleet: {name} needs a value");
            }

            var value = args[i];
            options = name switch
            {
                "--silos" => options with { Silos = (short)Number(value, name, 1, 16) },
                "--repetitions" => options with { Repetitions = Number(value, name, 1, 1000) },
                _ => options with
                {
                    Engine = value.ToLowerInvariant() switch
                    {
                        "orleans" => FleetEngine.Orleans,
                        "reference" => FleetEngine.Reference,
                        "both" => FleetEngine.Both,
                        _ => throw new FormatException($"fleet: --engine: '{value}' is not orleans, reference or both"),
                    },
                },
            };
        }

        if (options.InProcess && options.Engine == FleetEngine.Both)
        {
            throw new FormatException("fleet: --in-process runs one engine: add --engine orleans or --engine reference");
        }

        return options;
    }

    /// <summary>The arguments that run one repetition of <paramref name="engine"/> in a process of its own.</summary>
    public string[] ChildArguments(FleetEngine engine) =>
        ["fleet", Shape, "--silos", Silos.ToString(CultureInfo.InvariantCulture), "--engine", engine.ToString().ToLowerInvariant(), "--in-process"];

    private static int Number(string text, string what, int min, int max) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"fleet: {what}: '{text}' is not a whole number in {min}-{max:N0}"));
}
