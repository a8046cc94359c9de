namespace VmssGrains.Silo;

/// <summary>
/// The <c>Silo</c> configuration section as written (appsettings.json, <c>Silo__X</c> environment variables,
/// <c>--Silo:X=</c>). Values stay text here so that a bad one reaches <see cref="SiloSettingsValidator"/>, which names
/// it, instead of failing inside the configuration binder; <see cref="SiloSettings"/> holds them parsed.
/// </summary>
public sealed class SiloOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Silo";

    /// <summary>The settings of the section, for rejecting a misspelt one.</summary>
    public static readonly string[] Keys = [nameof(SiloPort), nameof(GatewayPort), nameof(PrimarySiloPort), nameof(ClusterId), nameof(WebPort), nameof(WebHost), nameof(AllowedHosts), nameof(Store), nameof(Tls), nameof(Kubernetes), nameof(AdvertisedAddress)];

    /// <summary>Silo-to-silo port, 1–65535 (default 11111).</summary>
    public string? SiloPort { get; set; } = "11111";

    /// <summary>Client gateway port, 1–65535 (default 30000).</summary>
    public string? GatewayPort { get; set; } = "30000";

    /// <summary>The silo port of the cluster's first silo, which the others join (default 11111).</summary>
    public string? PrimarySiloPort { get; set; } = "11111";

    /// <summary>Cluster and service id shared by the silos and the clients (default <c>vmss</c>).</summary>
    public string? ClusterId { get; set; } = "vmss";

    /// <summary>The web port serving <c>/metrics</c> and <c>/dashboard</c>, 1–65535 (default 8080).</summary>
    public string? WebPort { get; set; } = "8080";

    /// <summary>The address the web port listens on: an IP address, <c>localhost</c>, or <c>*</c> for every interface (default 127.0.0.1).</summary>
    public string? WebHost { get; set; } = "127.0.0.1";

    /// <summary>
    /// The host names the web port answers, separated by <c>;</c> (ASP.NET Core host filtering; <c>*</c> answers any):
    /// a request naming another host in its <c>Host</c> header gets 400, which stops DNS rebinding. Default
    /// <c>localhost;127.0.0.1;[::1]</c>; the address <see cref="WebHost"/> names is always added.
    /// </summary>
    public string? AllowedHosts { get; set; } = "localhost;127.0.0.1;[::1]";

    /// <summary>
    /// Where membership, grain state and reminders live: <c>Memory</c> (default: localhost clustering around the primary
    /// silo, state in each silo's memory, no reminders) or <c>Redis</c> (Orleans' Redis providers at
    /// <c>ConnectionStrings:Redis</c>: no primary silo, state and reminders outlive any silo).
    /// </summary>
    public string? Store { get; set; } = "Memory";

    /// <summary>TLS between silos and between clients and silos (<c>Silo:Tls:CertificateFile</c>, <c>Silo:Tls:CertificatePassword</c>); off by default.</summary>
    public SiloTlsOptions Tls { get; set; } = new();

    /// <summary>
    /// <c>true</c> in a Kubernetes pod: Orleans' Kubernetes hosting takes the silo's name, address and cluster id from the
    /// pod (<c>POD_NAME</c>, <c>POD_NAMESPACE</c>, <c>POD_IP</c>, <c>ORLEANS_CLUSTER_ID</c>, <c>ORLEANS_SERVICE_ID</c>), listens
    /// on every interface, and evicts the silos of pods that are gone. Needs <c>Silo:Store=Redis</c>. Default <c>false</c>.
    /// </summary>
    public string? Kubernetes { get; set; } = "false";

    /// <summary>
    /// The IP address this silo listens on and tells the others (and clients) to reach it at, on the Redis store: the
    /// machine's address on the network its peers share (default 127.0.0.1: every silo on one machine). Not with the
    /// Memory store (localhost clustering) nor in Kubernetes (the pod's IP).
    /// </summary>
    public string? AdvertisedAddress { get; set; }
}
