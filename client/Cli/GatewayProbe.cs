using System.Net;
using System.Net.Sockets;

namespace VmssGrains.Client.Cli;

/// <summary>Which of the gateways the console was given do not accept a TCP connection (refused, or no answer within 3 s).</summary>
public static class GatewayProbe
{
    /// <summary>How long a gateway may take to accept a connection, wall time.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    /// <summary>The endpoints of <paramref name="gateways"/> that did not accept a connection, in the order given.</summary>
    public static async Task<IReadOnlyList<IPEndPoint>> UnansweredAsync(IReadOnlyList<IPEndPoint> gateways, CancellationToken cancellationToken)
    {
        var answered = await Task.WhenAll(gateways.Select(g => AnswersAsync(g, cancellationToken)));
        return [.. gateways.Where((_, i) => !answered[i])];
    }

    private static async Task<bool> AnswersAsync(IPEndPoint gateway, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        using var socket = new Socket(gateway.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(gateway, timeout.Token);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
