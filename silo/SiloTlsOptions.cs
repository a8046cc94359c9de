namespace VmssGrains.Silo;

/// <summary>
/// The <c>Silo:Tls</c> section: TLS on the silo-to-silo and gateway ports, on when <see cref="CertificateFile"/> is set.
/// Every silo and every client uses the same certificate and accepts only a peer presenting it (see
/// <c>ClusterCertificate</c>), so a client without it is refused.
/// </summary>
public sealed class SiloTlsOptions
{
    /// <summary>The settings of the section, for rejecting a misspelt one.</summary>
    public static readonly string[] Keys = [nameof(CertificateFile), nameof(CertificatePassword)];

    /// <summary>The cluster's certificate: a PKCS#12 (<c>.pfx</c>) file with its private key; unset, the ports speak plain TCP.</summary>
    public string? CertificateFile { get; set; }

    /// <summary>The password of <see cref="CertificateFile"/> (none when unset); prefer the <c>Silo__Tls__CertificatePassword</c> environment variable to the command line.</summary>
    public string? CertificatePassword { get; set; }
}
