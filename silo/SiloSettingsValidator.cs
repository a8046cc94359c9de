using Microsoft.Extensions.Options;
using VmssGrains.Grains.Clock;
using VmssGrains.Grains.Hosting;

namespace VmssGrains.Silo;

/// <summary>
/// Checks the <c>Silo</c> and <c>Simulation</c> sections at start (<c>ValidateOnStart</c>): each failure names the
/// setting as it is written in configuration (<c>Silo:SiloPort: 'abc' is not a port (1–65535)</c>), and a key the
/// section does not have (a misspelt setting, silently ignored otherwise) is a failure too.
/// </summary>
public sealed class SiloSettingsValidator(IConfiguration configuration) : IValidateOptions<SiloOptions>, IValidateOptions<SimulationOptions>
{
    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, SiloOptions options)
    {
        var failures = Unknown(SiloOptions.Section, SiloOptions.Keys).ToList();
        var ports = new List<(string Key, int Port)>();
        foreach (var (key, text) in new[] { ("SiloPort", options.SiloPort), ("GatewayPort", options.GatewayPort), ("PrimarySiloPort", options.PrimarySiloPort), ("WebPort", options.WebPort) })
        {
            if (!SiloSettings.TryPort(text, out var port))
            {
                failures.Add($"Silo:{key}: '{text}' is not a port (1–65535)");
            }
            else if (key != "PrimarySiloPort")
            {
                if (ports.FirstOrDefault(p => p.Port == port) is { Key: { } other })
                {
                    failures.Add($"Silo:{key}: {port} is Silo:{other} too; give each port its own number");
                }

                ports.Add((key, port));
            }
        }

        if (string.IsNullOrWhiteSpace(options.ClusterId))
        {
            failures.Add("Silo:ClusterId: give a cluster id (the clients pass it as --cluster-id)");
        }

        if (!SiloSettings.TryWebHost(options.WebHost, out _))
        {
            failures.Add($"Silo:WebHost: '{options.WebHost}' is not an IP address, localhost or * (every interface)");
        }

        var hosts = (options.AllowedHosts ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        failures.AddRange(hosts.Select(h => (Host: h, Why: SiloSettings.BadHost(h))).Where(h => h.Why is not null).Select(h => $"Silo:AllowedHosts: '{h.Host}' {h.Why}"));
        if (hosts.Length == 0)
        {
            failures.Add("Silo:AllowedHosts: name at least one host, separated by ';' (* answers any)");
        }

        if (!SiloSettings.TryStore(options.Store, out var store))
        {
            failures.Add($"Silo:Store: '{options.Store}' is not a store; use Memory or Redis");
        }
        else if (store == GrainStoreKind.Redis && string.IsNullOrWhiteSpace(configuration.GetConnectionString(SiloSettings.RedisConnectionName)))
        {
            failures.Add("Silo:Store: Redis needs ConnectionStrings:Redis=host:port (e.g. --ConnectionStrings:Redis=127.0.0.1:6379)");
        }
        else if (store == GrainStoreKind.Redis && RedisConnectionProblem(configuration.GetConnectionString(SiloSettings.RedisConnectionName)!) is { } redisProblem)
        {
            failures.Add($"ConnectionStrings:Redis: {redisProblem}");
        }

        failures.AddRange(Unknown($"{SiloOptions.Section}:{nameof(SiloOptions.Tls)}", SiloTlsOptions.Keys));
        if (!string.IsNullOrWhiteSpace(options.Tls?.CertificateFile))
        {
            using var certificate = ClusterCertificate.TryLoad(options.Tls.CertificateFile.Trim(), options.Tls.CertificatePassword, out var problem)?.Certificate;
            if (problem is not null)
            {
                failures.Add($"Silo:Tls:CertificateFile: {problem}");
            }
        }
        else if (!string.IsNullOrEmpty(options.Tls?.CertificatePassword))
        {
            failures.Add("Silo:Tls:CertificatePassword: set without Silo:Tls:CertificateFile; name the certificate file (PKCS#12) too");
        }

        if (!bool.TryParse(options.Kubernetes?.Trim(), out var kubernetes))
        {
            failures.Add($"Silo:Kubernetes: '{options.Kubernetes}' is not true or false");
        }
        else if (kubernetes && SiloSettings.TryStore(options.Store, out _) && store != GrainStoreKind.Redis)
        {
            failures.Add("Silo:Kubernetes: true needs Silo:Store=Redis (pods share their membership table on Redis)");
        }

        if (!SiloSettings.TryAdvertisedAddress(options.AdvertisedAddress, out _))
        {
            failures.Add($"Silo:AdvertisedAddress: '{options.AdvertisedAddress}' is not an address a peer can reach; give this machine's IP address on its peers' network");
        }
        else if (!string.IsNullOrWhiteSpace(options.AdvertisedAddress) && SiloSettings.TryStore(options.Store, out var kind) && kind != GrainStoreKind.Redis)
        {
            failures.Add("Silo:AdvertisedAddress: needs Silo:Store=Redis (the Memory store's localhost clustering stays on 127.0.0.1)");
        }
        else if (!string.IsNullOrWhiteSpace(options.AdvertisedAddress) && bool.TryParse(options.Kubernetes?.Trim(), out var inPod) && inPod)
        {
            failures.Add("Silo:AdvertisedAddress: not with Silo:Kubernetes=true (a pod advertises its own IP)");
        }

        return Result(failures);
    }

    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, SimulationOptions options)
    {
        var failures = Unknown(SimulationOptions.Section, SimulationOptions.Keys).ToList();
        if (!ClockSpec.TryParse(options.Clock, out _, out var clockError))
        {
            failures.Add($"Simulation:Clock: {clockError}");
        }

        if (!SiloSettings.TryAnchor(options.Anchor, out _))
        {
            failures.Add($"Simulation:Anchor: '{options.Anchor}' is not a date and time (e.g. 2026-01-01T00:00:00Z)");
        }

        if (!SiloSettings.TrySeed(options.Seed, out _))
        {
            failures.Add($"Simulation:Seed: '{options.Seed}' is not an integer");
        }

        return Result(failures);
    }

    /// <summary>Why <paramref name="text"/> is not a StackExchange.Redis configuration string with an endpoint; null when it is one.</summary>
    private static string? RedisConnectionProblem(string text)
    {
        try
        {
            return StackExchange.Redis.ConfigurationOptions.Parse(text).EndPoints.Count == 0 ? $"'{text}' names no host:port" : null;
        }
        catch (ArgumentException e)
        {
            return $"'{text}' is not a Redis connection string: {e.Message.Split('\n')[0].Trim()}";
        }
    }

    private static ValidateOptionsResult Result(List<string> failures) =>
        failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);

    private IEnumerable<string> Unknown(string section, string[] keys) =>
        configuration.GetSection(section).GetChildren()
            .Where(c => !keys.Contains(c.Key, StringComparer.OrdinalIgnoreCase))
            .Select(c => $"{section}:{c.Key}: not a setting; the {section} settings are {string.Join(", ", keys)}");
}
