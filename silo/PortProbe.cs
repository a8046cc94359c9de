using System.Net;
using System.Net.Sockets;

namespace VmssGrains.Silo;

/// <summary>
/// Before the silo starts: is each of its ports free on the address it will listen on? Orleans and Kestrel report a
/// port in use with a stack trace per lifecycle stage, and do not say which setting it was; this names the setting.
/// A port taken between this check and the listener's bind still fails the start, less readably.
/// </summary>
public static class PortProbe
{
    /// <summary>The first of the silo's ports already in use, as <c>Silo:GatewayPort 30000 is already in use</c>; null when all are free.</summary>
    public static string? FirstInUse(SiloSettings settings)
    {
        // Orleans listens on the advertised address (loopback but on Redis with Silo:AdvertisedAddress); Kestrel on the web
        // host (localhost: both loopbacks).
        var web = settings.WebHost switch
        {
            "*" => [IPAddress.Any],
            _ when IPAddress.TryParse(settings.WebHost, out var ip) => [ip],
            _ => Socket.OSSupportsIPv6 ? new[] { IPAddress.Loopback, IPAddress.IPv6Loopback } : [IPAddress.Loopback],
        };
        var probes = new (string Setting, int Port, IPAddress[] Addresses)[]
        {
            ("Silo:SiloPort", settings.SiloPort, [settings.AdvertisedAddress]),
            ("Silo:GatewayPort", settings.GatewayPort, [settings.AdvertisedAddress]),
            ("Silo:WebPort", settings.WebPort, web),
        };
        foreach (var (setting, port, addresses) in probes)
        {
            if (addresses.Any(a => InUse(a, port)))
            {
                return $"{setting} {port} is already in use";
            }
        }

        return null;
    }

    private static bool InUse(IPAddress address, int port)
    {
        var listener = new TcpListener(address, port);
        try
        {
            listener.Start();
            return false;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            return true;
        }
        catch (SocketException)
        {
            // Not in use, but not bindable either (an address this machine lacks): the listener's own start reports it.
            return false;
        }
        finally
        {
            listener.Stop();
        }
    }
}
