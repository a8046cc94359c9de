using System.CommandLine;
using VmssGrains.Abstractions;

namespace VmssGrains.Client.Cli;

/// <summary>Builds a verb that runs against a running cluster: connects, runs the body, maps failures to exit codes.</summary>
public static class Verb
{
    /// <summary>The scale set a verb acts on.</summary>
    public static Option<string> NameOption() => new("--name", "-n") { Description = "Name of the scale set", Required = true };

    /// <summary>Return as soon as the operation started instead of waiting for it.</summary>
    public static Option<bool> NoWaitOption() => new("--no-wait") { Description = "Do not wait for the long-running operation to finish" };

    /// <summary>Instance ids, space-separated.</summary>
    public static Option<string[]> InstanceIdsOption(bool required) => new("--instance-ids")
    {
        Description = "Space-separated instance ids, e.g. --instance-ids 0 1 2",
        Required = required,
        AllowMultipleArgumentsPerToken = true,
    };

    /// <summary>A verb whose body gets a connected cluster client.</summary>
    public static Command Create(
        string name,
        string description,
        TextWriter output,
        TextWriter error,
        IEnumerable<Option> options,
        Func<CliContext, IClusterClient, CancellationToken, Task<int>> body)
    {
        var command = new Command(name, description);
        foreach (var option in options)
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, cancellationToken) => CliApp.Guard(new CliContext(output, error, parse), async context =>
        {
            await using var connection = await ClusterConnection.ConnectAsync(context, cancellationToken);
            CommandScope.Grains = connection.Client;

            // Who: the activity log records the console's user; the trace of the verb spans the grains it calls.
            // The span ends (at simulated time) before the connection's host is disposed, which exports it.
            RequestContext.Set(GrainKeys.CallerKey, Environment.UserName);
            var span = ClientTelemetry.StartVerb($"vmss {command.Name}", connection.Client);
            string? failure = null;
            try
            {
                if (span is not null)
                {
                    await span.ReadStartAsync();
                }

                var code = await body(context, connection.Client, cancellationToken);
                failure = code == ExitCodes.Ok ? null : $"exit code {code}";
                return code;
            }
            catch (Exception e)
            {
                failure = $"{e.GetType().Name}: {e.Message.Split('\n')[0].Trim()}";
                throw;
            }
            finally
            {
                if (span is not null)
                {
                    await span.EndAsync(failure);
                }
            }
        }));
        return command;
    }
}
