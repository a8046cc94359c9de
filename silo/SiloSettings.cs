using System.Globalization;
using System.Net;
using System.Net.Sockets;
using VmssGrains.Grains.Clock;
using VmssGrains.Grains.Hosting;

namespace VmssGrains.Silo;

/// <summary>
/// The silo's settings parsed from <see cref="SiloOptions"/> and <see cref="SimulationOptions"/>. The host is built
/// from them; <see cref="SiloSettingsValidator"/> (registered with <c>ValidateOnStart</c>) rejects the host at start,
/// before anything listens, when a value does not parse, so the default that stands in for it here is never used.
/// </summary>
public sealed record SiloSettings
{
    /// <summary>Silo-to-silo port.</summary>
    public int SiloPort { get; init; } = 11111;

    /// <summary>Client gateway port.</summary>
    public int GatewayPort { get; init; } = 30000;

    /// <summary>The silo port of the cluster's first silo, which the others join.</summary>
    public int PrimarySiloPort { get; init; } = 11111;

    /// <summary>Cluster and service id shared by the silos and the clients.</summary>
    public string ClusterId { get; init; } = "vmss";

    /// <summary>Where membership, grain state and reminders live (<see cref="SiloOptions.Store"/>).</summary>
    public GrainStore Store { get; init; } = GrainStore.Memory;

    /// <summary>The cluster certificate file (PKCS#12) when TLS is on; null for plain TCP.</summary>
    public string? TlsCertificateFile { get; init; }

    /// <summary>The password of <see cref="TlsCertificateFile"/>; null for none.</summary>
    public string? TlsCertificatePassword { get; init; }

    /// <summary>The address the silo listens on and advertises on the Redis store (<see cref="SiloOptions.AdvertisedAddress"/>).</summary>
    public IPAddress AdvertisedAddress { get; init; } = IPAddress.Loopback;

    /// <summary>Whether the silo runs in a Kubernetes pod (<see cref="SiloOptions.Kubernetes"/>).</summary>
    public bool Kubernetes { get; init; }

    /// <summary>The simulation clock.</summary>
    public ClockSpec Clock { get; init; } = new(ClockKind.Scaled, 60);

    /// <summary>The wall time at which simulated time starts; silos of one cluster must agree.</summary>
    public DateTimeOffset Anchor { get; init; }

    /// <summary>The seed of scale sets created without one.</summary>
    public long Seed { get; init; }

    /// <summary>The web port: <c>/metrics</c> for Prometheus and <c>/dashboard</c>.</summary>
    public int WebPort { get; init; } = 8080;

    /// <summary>The address the web port listens on: an IP address, <c>localhost</c> or <c>*</c>.</summary>
    public string WebHost { get; init; } = "127.0.0.1";

    /// <summary>The host names the web port answers: <see cref="SiloOptions.AllowedHosts"/> and the address <see cref="WebHost"/> names.</summary>
    public IReadOnlyList<string> AllowedHosts { get; init; } = ["localhost", "127.0.0.1", "[::1]"];

    /// <summary>The URL Kestrel listens on.</summary>
    public string WebUrl => IPAddress.TryParse(WebHost, out var ip) && ip.AddressFamily == AddressFamily.InterNetworkV6
        ? $"http://[{ip}]:{WebPort}"
        : $"http://{WebHost}:{WebPort}";

    /// <summary>Reads both sections of <paramref name="configuration"/>.</summary>
    public static SiloSettings Read(IConfiguration configuration) => From(
        configuration.GetSection(SiloOptions.Section).Get<SiloOptions>() ?? new(),
        configuration.GetSection(SimulationOptions.Section).Get<SimulationOptions>() ?? new(),
        configuration.GetConnectionString(RedisConnectionName));

    /// <summary>The connection string (<c>ConnectionStrings:Redis</c>) of the Redis store.</summary>
    public const string RedisConnectionName = "Redis";

    /// <summary>The settings, with the default in place of each value <see cref="SiloSettingsValidator"/> rejects.</summary>
    public static SiloSettings From(SiloOptions silo, SimulationOptions simulation, string? redisConnection = null)
    {
        var defaults = new SiloSettings();
        var webHost = TryWebHost(silo.WebHost, out var host) ? host : defaults.WebHost;
        var allowed = TryHostList(silo.AllowedHosts, out var hosts) ? hosts : [.. defaults.AllowedHosts];
        if (HostName(webHost) is { } named && !allowed.Contains(named, StringComparer.OrdinalIgnoreCase))
        {
            allowed.Add(named);
        }

        return new SiloSettings
        {
            SiloPort = TryPort(silo.SiloPort, out var siloPort) ? siloPort : defaults.SiloPort,
            GatewayPort = TryPort(silo.GatewayPort, out var gatewayPort) ? gatewayPort : defaults.GatewayPort,
            PrimarySiloPort = TryPort(silo.PrimarySiloPort, out var primary) ? primary : defaults.PrimarySiloPort,
            ClusterId = string.IsNullOrWhiteSpace(silo.ClusterId) ? defaults.ClusterId : silo.ClusterId.Trim(),
            WebPort = TryPort(silo.WebPort, out var webPort) ? webPort : defaults.WebPort,
            WebHost = webHost,
            AllowedHosts = allowed,
            Store = TryStore(silo.Store, out var kind) && kind == GrainStoreKind.Redis && !string.IsNullOrWhiteSpace(redisConnection)
                ? GrainStore.Redis(redisConnection.Trim())
                : GrainStore.Memory,
            TlsCertificateFile = string.IsNullOrWhiteSpace(silo.Tls?.CertificateFile) ? null : silo.Tls.CertificateFile.Trim(),
            TlsCertificatePassword = string.IsNullOrEmpty(silo.Tls?.CertificatePassword) ? null : silo.Tls.CertificatePassword,
            Kubernetes = bool.TryParse(silo.Kubernetes?.Trim(), out var kubernetes) && kubernetes,
            AdvertisedAddress = TryAdvertisedAddress(silo.AdvertisedAddress, out var advertised) ? advertised : IPAddress.Loopback,
            Clock = ClockSpec.TryParse(simulation.Clock, out var clock) ? clock : defaults.Clock,
            Anchor = TryAnchor(simulation.Anchor, out var anchor) ? anchor : Midnight(),
            Seed = TrySeed(simulation.Seed, out var seed) ? seed : 0,
        };
    }

    /// <summary>A store kind: <c>Memory</c> or <c>Redis</c>, in any case.</summary>
    internal static bool TryStore(string? text, out GrainStoreKind kind) =>
        Enum.TryParse(text?.Trim(), ignoreCase: true, out kind) && Enum.IsDefined(kind) && !int.TryParse(text, out _);

    /// <summary>A unicast IP address a peer can reach (not 0.0.0.0, ::, or a multicast address); absent is loopback.</summary>
    internal static bool TryAdvertisedAddress(string? text, out IPAddress address)
    {
        address = IPAddress.Loopback;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        return IPAddress.TryParse(text.Trim().Trim('[', ']'), out address!)
            && !address.Equals(IPAddress.Any) && !address.Equals(IPAddress.IPv6Any)
            && !(address.IsIPv6Multicast || (address.AddressFamily == AddressFamily.InterNetwork && address.GetAddressBytes()[0] is >= 224 and <= 239));
    }

    /// <summary>A TCP port: an integer 1–65535.</summary>
    internal static bool TryPort(string? text, out int port) =>
        int.TryParse(text?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out port) && port is > 0 and < 65536;

    /// <summary>An IP address, <c>localhost</c> or <c>*</c> (every interface).</summary>
    internal static bool TryWebHost(string? text, out string host)
    {
        host = text?.Trim() ?? "";
        if (IPAddress.TryParse(host.Trim('[', ']'), out var ip))
        {
            host = ip.ToString();
            return true;
        }

        return host == "*" || host.Equals("localhost", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Host names separated by <c>;</c>: names, <c>*.suffix</c>, IPv4 addresses, IPv6 addresses in brackets, or <c>*</c>; none with a port.</summary>
    internal static bool TryHostList(string? text, out List<string> hosts)
    {
        hosts = [.. (text ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
        return hosts.Count > 0 && hosts.All(h => BadHost(h) is null);
    }

    /// <summary>Why <paramref name="host"/> is not a host-filtering entry, or null when it is one.</summary>
    internal static string? BadHost(string host)
    {
        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            return IPAddress.TryParse(host[1..^1], out var ip) && ip.AddressFamily == AddressFamily.InterNetworkV6 ? null : "is not an IPv6 address in brackets";
        }

        if (host.Contains(':', StringComparison.Ordinal))
        {
            return "has a port or is an IPv6 address without brackets; list host names only, IPv6 addresses as [::1]";
        }

        var name = host.StartsWith("*.", StringComparison.Ordinal) ? host[2..] : host;
        return host == "*" || (name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_')) ? null : "is not a host name";
    }

    /// <summary>A date and time, UTC unless it gives an offset.</summary>
    internal static bool TryAnchor(string? text, out DateTimeOffset anchor)
    {
        anchor = Midnight();
        return text is null || DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out anchor);
    }

    /// <summary>A 64-bit integer.</summary>
    internal static bool TrySeed(string? text, out long seed) =>
        long.TryParse(text?.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out seed);

    /// <summary>The host name a request names when it reaches <paramref name="webHost"/>; null for every interface.</summary>
    private static string? HostName(string webHost) => webHost == "*" ? null
        : IPAddress.TryParse(webHost, out var ip) ? (ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any) ? null : ip.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{ip}]" : ip.ToString())
        : webHost.ToLowerInvariant();

    private static DateTimeOffset Midnight() => new(DateTimeOffset.UtcNow.UtcDateTime.Date, TimeSpan.Zero);
}
