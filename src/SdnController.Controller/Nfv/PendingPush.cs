using System.Diagnostics;
using SdnController.Southbound.Time;

namespace SdnController.Controller.Nfv;

/// <summary>
/// The configuration push waiting for its acknowledgement: one send of <see cref="Version"/> (Xid pairs the
/// reply), its span and its timeout. A retry is a new PendingPush with the next attempt number.
/// </summary>
internal sealed record PendingPush(uint Xid, long Version, string Reason, int Attempt, TimeSpan SentAt, TimeSpan Timeout, Activity? Span)
{
    public IScheduledWork? Timer { get; set; }
}
