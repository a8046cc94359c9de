using VmssGrains.Abstractions.Json;
using VmssGrains.Domain.Time;

namespace VmssGrains.Simulation.Reporting;

/// <summary>
/// The two ways the report writes a simulated time: an ISO 8601 offset from the scenario start (<c>PT1M</c>) for
/// the report's own fields, and a date-time on the simulated calendar (<c>2026-01-01T00:01:00.0000000+00:00</c>)
/// for objects that reproduce an Azure REST body, so the official Azure SDK reads them.
/// </summary>
/// <param name="Start">The simulated time at which the scenario started.</param>
/// <param name="CalendarStart">The date-time that start is on the simulated calendar (the scenario's <c>startTime</c>).</param>
public sealed record ReportTimes(DateTimeOffset Start, DateTimeOffset CalendarStart)
{
    /// <summary>The offset of <paramref name="time"/> from the start, e.g. <c>PT24M21S</c>.</summary>
    public string Offset(DateTimeOffset time) => IsoDuration.Format(time - Start);

    /// <summary>The date-time of <paramref name="time"/> on the simulated calendar, as Azure prints date-times.</summary>
    public string Calendar(DateTimeOffset time) => AzureJson.AbsoluteTime(CalendarStart + (time - Start));
}
