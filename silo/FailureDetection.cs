using Orleans.Configuration;

namespace VmssGrains.Silo;

/// <summary>
/// How fast the silos declare a dead one dead (Orleans' <see cref="ClusterMembershipOptions"/>), tuned for a cluster
/// of a few silos on one network: a killed silo is declared dead by the survivors within seconds (measured by the
/// real-process eviction test), where Orleans' defaults take about a minute. A silo paused longer than that (SIGSTOP,
/// a frozen VM) finds itself declared dead when it resumes and exits (<see cref="SiloFatalErrorHandler"/>).
/// </summary>
public static class FailureDetection
{
    /// <summary>Sets the membership timeouts (all wall time).</summary>
    public static void Configure(ClusterMembershipOptions o)
    {
        // A probe not answered in 2 s is missed (Orleans adapts it between 1 s and 4 s from the answers it sees);
        // 2 missed probes in a row and the prober votes the silo dead.
        o.ProbeTimeout = TimeSpan.FromSeconds(2);
        o.MaxProbeTimeout = TimeSpan.FromSeconds(4);
        o.NumMissedProbesLimit = 2;

        // Two votes declare a silo dead (one when it has a single survivor: Orleans caps it at the active silos).
        o.NumVotesForDeathDeclaration = 2;

        // Votes older than 20 s no longer count: the second prober votes within a few seconds of the first.
        o.DeathVoteExpirationTimeout = TimeSpan.FromSeconds(20);

        // Each silo reads the membership table every 2 s (it learns of a death from gossip sooner) and writes its
        // heartbeat every 5 s; 3 missed heartbeats (15 s) make its entry stale.
        o.TableRefreshTimeout = TimeSpan.FromSeconds(2);
        o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(5);
        o.NumMissedTableIAmAliveLimit = 3;
    }
}
