using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace VmssGrains.Grains.Hosting;

/// <summary>
/// The one certificate of a TLS cluster (a PKCS#12 file with its private key), shared by every silo and every client:
/// each side presents it and accepts a peer only when the peer presents the very same certificate (equal SHA-256
/// thumbprints). A self-signed certificate needs no certificate authority this way; holding the file (and its
/// password) is what lets a silo join or a console connect. Chain and name errors are ignored on purpose: the
/// thumbprint pins the certificate, and silos are reached by IP address, not by the name in it.
/// </summary>
public sealed class ClusterCertificate
{
    private ClusterCertificate(X509Certificate2 certificate) => Certificate = certificate;

    /// <summary>The certificate with its private key.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The certificate's SHA-256 thumbprint, upper-case hexadecimal.</summary>
    public string Thumbprint => Certificate.GetCertHashString(HashAlgorithmName.SHA256);

    /// <summary>
    /// Loads <paramref name="path"/> (PKCS#12, <c>.pfx</c>/<c>.p12</c>) with <paramref name="password"/> (null or empty: none);
    /// returns null and why (without the prefix naming the setting) when it cannot be used: missing or unreadable file,
    /// wrong password, not PKCS#12, no private key, expired. Expiry is judged on <paramref name="wallClock"/> (default the
    /// system clock), as a TLS handshake judges it: never on simulated time.
    /// </summary>
    public static ClusterCertificate? TryLoad(string path, string? password, out string? problem, TimeProvider? wallClock = null)
    {
        problem = null;
        if (!File.Exists(path))
        {
            problem = $"'{path}' does not exist";
            return null;
        }

        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, string.IsNullOrEmpty(password) ? null : password);
        }
        catch (CryptographicException e)
        {
            problem = $"cannot read '{path}' as a PKCS#12 (.pfx) certificate with the password given: {e.Message.Trim().TrimEnd('.')}";
            return null;
        }
        catch (IOException e)
        {
            problem = $"cannot read '{path}': {e.Message}";
            return null;
        }
        catch (UnauthorizedAccessException e)
        {
            problem = $"cannot read '{path}': {e.Message}";
            return null;
        }

        if (!certificate.HasPrivateKey)
        {
            problem = $"'{path}' has no private key; export the certificate with its key (PKCS#12)";
        }
        else if (certificate.NotAfter.ToUniversalTime() < (wallClock ?? TimeProvider.System).GetUtcNow().UtcDateTime)
        {
            problem = $"'{path}' expired on {certificate.NotAfter.ToUniversalTime():yyyy-MM-ddTHH:mm:ssZ}";
        }

        if (problem is not null)
        {
            certificate.Dispose();
            return null;
        }

        return new ClusterCertificate(certificate);
    }

    /// <summary>Whether <paramref name="peer"/> is this certificate (same SHA-256 thumbprint); what the peer's chain says is not asked.</summary>
    public bool Trusts(X509Certificate2? peer, X509Chain? chain, SslPolicyErrors errors)
    {
        _ = chain;
        _ = errors;
        return peer is not null && string.Equals(peer.GetCertHashString(HashAlgorithmName.SHA256), Thumbprint, StringComparison.OrdinalIgnoreCase);
    }
}
