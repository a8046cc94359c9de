using System.CommandLine;

namespace VmssGrains.Client.Cli;

/// <summary>Options every verb accepts.</summary>
public static class GlobalOptions
{
    /// <summary>Where the cluster's gateways are; the default is the first silo's gateway.</summary>
    public static readonly Option<string> Cluster = new("--cluster")
    {
        Description = "Gateway endpoints of a running cluster, host:port[,host:port...] (default: $VMSS_CLUSTER or localhost:30000)",
        Recursive = true,
    };

    /// <summary>The cluster id the silos use.</summary>
    public static readonly Option<string> ClusterId = new("--cluster-id")
    {
        Description = "Cluster and service id of the silos (default: vmss)",
        DefaultValueFactory = _ => "vmss",
        Recursive = true,
    };

    /// <summary>The cluster's TLS certificate, when its silos run with <c>Silo:Tls:CertificateFile</c>.</summary>
    public static readonly Option<string> TlsCertificate = new("--tls-certificate")
    {
        Description = "The TLS cluster's certificate, a PKCS#12 (.pfx) file with its key, the one the silos use; its password from $VMSS_TLS_CERTIFICATE_PASSWORD (default: $VMSS_TLS_CERTIFICATE, else plain TCP)",
        Recursive = true,
    };

    /// <summary>The environment variable holding the file of <see cref="TlsCertificate"/> when the option is not given.</summary>
    public const string TlsCertificateVariable = "VMSS_TLS_CERTIFICATE";

    /// <summary>The environment variable holding the password of <see cref="TlsCertificate"/> (kept off the command line, where <c>ps</c> shows it).</summary>
    public const string TlsPasswordVariable = "VMSS_TLS_CERTIFICATE_PASSWORD";

    /// <summary>json or table.</summary>
    public static readonly Option<string> Output = new("--output", "-o")
    {
        Description = "Output format: table (for people) or json (Azure-shaped); compare also takes csv",
        DefaultValueFactory = _ => "table",
        Recursive = true,
    };

    /// <summary>Accepted for az compatibility; there is one simulated resource group.</summary>
    public static readonly Option<string> ResourceGroup = new("--resource-group", "-g")
    {
        Description = "Accepted for az compatibility and ignored: the simulation has one resource group",
        Recursive = true,
    };

    static GlobalOptions()
    {
        Output.AcceptOnlyFromAmong("json", "table", "csv");
    }
}
