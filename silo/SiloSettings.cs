using System.Globalization;
using VmssGrains.Grains.Clock;

namespace VmssGrains.Silo;

/// <summary>The silo's settings, bound from the <c>Silo</c> and <c>Simulation</c> configuration sections and validated at start.</summary>
public sealed record SiloSettings
{
    /// <summary>Silo-to-silo port (default 11111).</summary>
    public int SiloPort { get; init; } = 11111;

    /// <summary>Client gateway port (default 30000).</summary>
    public int GatewayPort { get; init; } = 30000;

    /// <summary>The silo port of the cluster's first silo, which the others join (default 11111).</summary>
    public int PrimarySiloPort { get; init; } = 11111;

    /// <summary>Cluster and service id shared by the silos and the clients (default <c>vmss</c>).</summary>
    public string ClusterId { get; init; } = "vmss";

    /// <summary>The simulation clock: <c>real</c>, <c>scaled:N</c> or <c>virtual</c> (free-running).</summary>
    public ClockSpec Clock { get; init; } = new(ClockKind.Scaled, 60);

    /// <summary>The wall time at which simulated time starts; silos of one cluster must agree (default: midnight UTC today).</summary>
    public DateTimeOffset Anchor { get; init; }

    /// <summary>The seed of scale sets created without one.</summary>
    public long Seed { get; init; }

    /// <summary>The web port: <c>/metrics</c> for Prometheus and <c>/dashboard</c> (default 8080).</summary>
    public int WebPort { get; init; } = 8080;

    /// <summary>The address the web port listens on (default loopback).</summary>
    public string WebHost { get; init; } = "127.0.0.1";

    /// <summary>Reads and validates the settings.</summary>
    public static SiloSettings Bind(IConfiguration configuration)
    {
        var silo = configuration.GetSection("Silo");
        var simulation = configuration.GetSection("Simulation");
        var clockText = simulation["Clock"] ?? "scaled:60";
        if (!ClockSpec.TryParse(clockText, out var clock, out var clockError))
        {
            throw new InvalidOperationException($"Simulation:Clock: {clockError}");
        }

        var today = DateTimeOffset.UtcNow.UtcDateTime.Date;
        var anchorText = simulation["Anchor"];
        DateTimeOffset anchor = new(today, TimeSpan.Zero);
        if (anchorText is not null && !DateTimeOffset.TryParse(anchorText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out anchor))
        {
            throw new InvalidOperationException($"Simulation:Anchor: '{anchorText}' is not a date and time");
        }

        return new SiloSettings
        {
            SiloPort = Port(silo, "SiloPort", 11111),
            GatewayPort = Port(silo, "GatewayPort", 30000),
            PrimarySiloPort = Port(silo, "PrimarySiloPort", 11111),
            WebPort = Port(silo, "WebPort", 8080),
            WebHost = silo["WebHost"] ?? "127.0.0.1",
            ClusterId = silo["ClusterId"] ?? "vmss",
            Clock = clock,
            Anchor = anchor,
            Seed = long.TryParse(simulation["Seed"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed) ? seed
                : simulation["Seed"] is null ? 0 : throw new InvalidOperationException($"Simulation:Seed: '{simulation["Seed"]}' is not an integer"),
        };
    }

    private static int Port(IConfigurationSection section, string key, int fallback)
    {
        var text = section[key];
        if (text is null)
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and < 65536
            ? port
            : throw new InvalidOperationException($"Silo:{key}: '{text}' is not a port (1–65535)");
    }
}
