using System.Diagnostics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using VmssGrains.Simulation.Driving;

namespace VmssGrains.Client.Tests;

/// <summary>
/// TLS between the console and a silo process (<c>Silo:Tls:CertificateFile</c>, <c>--tls-certificate</c>) with a
/// self-signed certificate the test makes: the same certificate on both sides connects; a console without it, or
/// with another, is refused with one line; a certificate the silo cannot read stops it with one line (exit 2).
/// </summary>
[Trait("Category", "MultiProcess")]
[Collection(ProcessClusterCollection.Name)]
public sealed class ClusterTlsTests : IDisposable
{
    private const string Password = "test-password";
    private readonly string directory = Directory.CreateTempSubdirectory("vmss-tls-").FullName;

    [Fact]
    public async Task TlsSilo_ConsoleWithItsCertificate_Works_WithoutOrWithAnother_IsRefused()
    {
        var certificate = MakeCertificate("cluster.pfx");
        var other = MakeCertificate("other.pfx");
        var ports = SiloProcesses.Ports();
        var clusterId = $"tls-{Guid.NewGuid():N}";
        await using var silo = SiloProcesses.Start(ports, clusterId, redis: null, $"--Silo:Tls:CertificateFile={certificate}", $"--Silo:Tls:CertificatePassword={Password}");
        string[] list = ["image", "list", "--cluster", $"127.0.0.1:{ports[1]}", "--cluster-id", clusterId, "-o", "json"];
        var secret = new Dictionary<string, string> { ["VMSS_TLS_CERTIFICATE_PASSWORD"] = Password };

        var clock = Stopwatch.StartNew();
        CliResult ok;
        while ((ok = await ConsoleAsync([.. list, "--tls-certificate", certificate], secret)).ExitCode != 0)
        {
            Assert.False(silo.HasExited, $"the silo exited:\n{silo}");
            Assert.True(clock.Elapsed < SiloProcesses.Starts, $"the console never connected over TLS: {ok}\n{silo}");
            await WallTime.DelayAsync(TimeSpan.FromMilliseconds(500), CancellationToken.None);
        }

        Assert.Equal("[]\n", ok.Out);
        Assert.Equal("", ok.Err);

        var plain = await ConsoleAsync(list, secret);
        Assert.True(plain.ExitCode == 1, plain.ToString());
        Assert.Equal($"error: cannot reach the cluster at 127.0.0.1:{ports[1]} (cluster id '{clusterId}'): Underlying connection closed. Start a silo with `dotnet run --project silo` or pass --cluster host:port (and --tls-certificate when the silos run with TLS).", plain.ErrorLine);
        Assert.Equal("", plain.Out);

        var wrong = await ConsoleAsync([.. list, "--tls-certificate", other], secret);
        Assert.True(wrong.ExitCode == 1, wrong.ToString());
        Assert.StartsWith($"error: cannot reach the cluster at 127.0.0.1:{ports[1]} (cluster id '{clusterId}'): ", wrong.ErrorLine, StringComparison.Ordinal);
        Assert.EndsWith("check --tls-certificate is the silos' Silo:Tls:CertificateFile.", wrong.ErrorLine, StringComparison.Ordinal);

        var badPassword = await ConsoleAsync([.. list, "--tls-certificate", certificate], new Dictionary<string, string> { ["VMSS_TLS_CERTIFICATE_PASSWORD"] = "nope" });
        Assert.True(badPassword.ExitCode == 2, badPassword.ToString());
        Assert.StartsWith($"error: --tls-certificate: cannot read '{certificate}' as a PKCS#12 (.pfx) certificate with the password given: ", badPassword.ErrorLine, StringComparison.Ordinal);
        Assert.False(silo.HasExited, $"the silo exited:\n{silo}");
    }

    [Fact]
    public async Task TwoTlsSilos_FormOneCluster_OverTls()
    {
        var certificate = MakeCertificate("cluster.pfx");
        var primary = SiloProcesses.Ports();
        var second = SiloProcesses.Ports();
        var clusterId = $"tls-silos-{Guid.NewGuid():N}";
        string[] tls = [$"--Silo:Tls:CertificateFile={certificate}", $"--Silo:Tls:CertificatePassword={Password}"];
        await using var a = SiloProcesses.Start(primary, clusterId, redis: null, tls);
        await using var b = SiloProcesses.Start(second, clusterId, redis: null, [$"--Silo:PrimarySiloPort={primary[0]}", .. tls]);
        var cluster = VmssGrains.Grains.Hosting.ClusterCertificate.TryLoad(certificate, Password, out var problem);
        Assert.True(cluster is not null, problem);

        // The second silo joins the primary over TLS; a client of the second gateway sees both Active.
        var clock = Stopwatch.StartNew();
        Microsoft.Extensions.Hosting.IHost? client = null;
        while (client is null)
        {
            try
            {
                client = await SiloProcesses.ClientAsync(second[1], clusterId, cluster);
            }
            catch (Exception e) when (e is not Xunit.Sdk.XunitException)
            {
                Assert.False(a.HasExited || b.HasExited, $"a silo exited:\n{a}\n{b}");
                Assert.True(clock.Elapsed < SiloProcesses.Starts, $"no TLS gateway at {second[1]}: {e.Message}\n{b}");
                await WallTime.DelayAsync(TimeSpan.FromMilliseconds(500), CancellationToken.None);
            }
        }

        using (client)
        {
            await SiloProcesses.WaitActiveAsync(client, [primary[0], second[0]], [a, b]);
            await client.StopAsync();
        }
    }

    [Fact]
    public async Task UnusableCertificate_OneLineNamingTheSetting_Exit2()
    {
        var certificate = MakeCertificate("cluster.pfx");
        var missing = Path.Combine(directory, "missing.pfx");
        foreach (var (args, expected) in new (string[] Args, string Expected)[]
        {
            ([$"--Silo:Tls:CertificateFile={missing}"], $"error: Silo:Tls:CertificateFile: '{missing}' does not exist\n"),
            ([$"--Silo:Tls:CertificateFile={certificate}", "--Silo:Tls:CertificatePassword=wrong"], $"error: Silo:Tls:CertificateFile: cannot read '{certificate}' as a PKCS#12 (.pfx) certificate with the password given: The certificate data cannot be read with the provided password, the password may be incorrect\n"),
            (["--Silo:Tls:CertificatePassword=x"], "error: Silo:Tls:CertificatePassword: set without Silo:Tls:CertificateFile; name the certificate file (PKCS#12) too\n"),
            (["--Silo:Tls:File=x"], "error: Silo:Tls:File: not a setting; the Silo:Tls settings are CertificateFile, CertificatePassword\n"),
        })
        {
            await using var silo = SiloProcesses.Start(SiloProcesses.Ports(), "tls-bad", redis: null, args);
            Assert.True(await silo.WaitForExitAsync(SiloProcesses.Starts), $"still running:\n{silo}");
            Assert.True(silo.ExitCode == 2, $"{string.Join(' ', args)}: exit {silo.ExitCode}\n{silo}");
            Assert.Equal(expected, silo.Err);
        }
    }

    /// <inheritdoc/>
    public void Dispose() => Directory.Delete(directory, recursive: true);

    /// <summary>A self-signed RSA certificate with its key, saved as PKCS#12 with <see cref="Password"/>.</summary>
    private string MakeCertificate(string name)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=vmss-test-cluster", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        var path = Path.Combine(directory, name);
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, Password));
        return path;
    }

    /// <summary>The console as a process, with <paramref name="environment"/> (the password is process-wide state).</summary>
    private static async Task<CliResult> ConsoleAsync(string[] args, IReadOnlyDictionary<string, string> environment)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        return await ChildProcess.RunAsync(Repo.ClientDll, args, timeout.Token, environment);
    }
}
