using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;
using StackExchange.Redis;

namespace VmssGrains.Grains.Hosting;

/// <summary>The one registration of the simulation, used by the silo host, the embedded silo of <c>simulate</c> and the tests.</summary>
public static class VmssSiloBuilderExtensions
{
    /// <summary>
    /// Adds the grains' storage (<paramref name="store"/>: memory unless given), the simulation clock for the Grains
    /// area, and (virtual clock) the call filters and monitor. Membership is the caller's: localhost clustering, or
    /// Redis clustering on a real cluster.
    /// </summary>
    public static ISiloBuilder AddVmssGrains(this ISiloBuilder silo, SimulationHost host, GrainStore? store = null)
    {
        store ??= GrainStore.Memory;
        silo.Services.AddSingleton(store);
        if (store.Durable)
        {
            // Orleans' binary serializer: the default JSON one costs more than the simulation itself.
            var redis = ConfigurationOptions.Parse(store.RedisConnectionString!);
            silo.AddRedisGrainStorage(StorageNames.Grains, options => options.Configure<Serializer>((o, serializer) =>
            {
                o.ConfigurationOptions = redis;
                o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
            }));
            silo.UseRedisReminderService(o => o.ConfigurationOptions = redis);

            // A scale set with work under way keeps a reminder of a few seconds (ScaleSetDurability), below Orleans' 1-minute floor.
            silo.Services.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = ScaleSet.ScaleSetDurability.ReminderPeriod);
        }
        else
        {
            silo.AddMemoryGrainStorage(StorageNames.Grains);
            silo.Services.AddOptions<MemoryGrainStorageOptions>(StorageNames.Grains)
                .Configure<Serializer>((options, serializer) => options.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer));
        }

        // One trace from the console through every grain hop and silo (W3C context in the request context).
        silo.AddActivityPropagation();
        silo.Services.AddVmssSimulation(host);

        // Instances resolve their scale set's profile once per silo, not once per instance.
        silo.Services.AddSingleton<VmInstance.InstanceProfileCache>();

        // Instances hand their load balancer changes to one coalescer per silo: one call per load balancer and instant.
        silo.Services.AddSingleton<LoadBalancer.BackendUpdateBuffer>();

        // Every clock: what a one-way call throws fails the simulation instead of vanishing.
        silo.Services.AddSingleton<IIncomingGrainCallFilter>(new OneWayFaultFilter());
        silo.Services.AddHostedService<ClockDriftWarning>();
        if (host.Filters is { } filters)
        {
            silo.Services.AddSingleton<IIncomingGrainCallFilter>(filters);
        }

        return silo;
    }

    /// <summary>Adds to an in-process client what it needs to take part in a virtual-clock simulation.</summary>
    public static IClientBuilder AddVmssSimulationClient(this IClientBuilder client, SimulationHost host)
    {
        client.AddActivityPropagation();
        if (host.Filters is { } filters)
        {
            client.Services.AddSingleton<IOutgoingGrainCallFilter>(filters);
        }

        return client;
    }

    private static IServiceCollection AddVmssSimulation(this IServiceCollection services, SimulationHost host)
    {
        // Only the Grains area runs on simulated time; membership, messaging and reminders stay on wall time.
        services.AddKeyedSingleton(TimeProviderNames.Grains, host.Clock);
        services.AddSingleton(host);

        // Every clock: a driver on a scaled or real clock also needs to know when the work has settled.
        services.AddSingleton(host.Monitor);
        if (host.Filters is { } filters)
        {
            services.AddSingleton(host.VirtualClock!);
            services.AddSingleton<IOutgoingGrainCallFilter>(filters);
        }

        return services;
    }
}
