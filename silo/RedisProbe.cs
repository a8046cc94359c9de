using StackExchange.Redis;

namespace VmssGrains.Silo;

/// <summary>
/// Before a silo on the Redis store starts: does its Redis answer? Orleans reports an unreachable Redis with a stack
/// trace per lifecycle stage and StackExchange.Redis' advice to retry forever; this names the setting in one line.
/// </summary>
public static class RedisProbe
{
    /// <summary>How long the probe waits for Redis, wall time.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    /// <summary>Why Redis cannot be used (e.g. <c>ConnectionStrings:Redis: cannot connect to Redis at 127.0.0.1:6379 (UnableToConnect)</c>); null when it answers or the store is Memory.</summary>
    public static async Task<string?> ProblemAsync(SiloSettings settings)
    {
        if (!settings.Store.Durable)
        {
            return null;
        }

        var options = ConfigurationOptions.Parse(settings.Store.RedisConnectionString!);
        options.AbortOnConnectFail = true;
        options.ConnectRetry = 1;
        options.ConnectTimeout = (int)Timeout.TotalMilliseconds;
        var endpoints = string.Join(",", options.EndPoints.Select(e => e.ToString()));
        try
        {
            await using var connection = await ConnectionMultiplexer.ConnectAsync(options, TextWriter.Null);
            await connection.GetDatabase().PingAsync();
            return null;
        }
        catch (RedisConnectionException e)
        {
            return $"ConnectionStrings:Redis: cannot connect to Redis at {endpoints} ({e.FailureType}); start Redis or correct the connection string";
        }
        catch (RedisException e)
        {
            return $"ConnectionStrings:Redis: Redis at {endpoints} refused the probe: {e.Message.Split('\n')[0].Trim()}";
        }
        catch (TimeoutException)
        {
            return $"ConnectionStrings:Redis: Redis at {endpoints} did not answer within {Timeout.TotalSeconds:0} s";
        }
    }
}
