using SdnController.Southbound.Time;

namespace SdnController.VirtualNetwork.Simulation;

/// <summary>The <see cref="IClock"/> face of an <see cref="EventLoop"/>.</summary>
internal sealed class LoopClock : IClock
{
    private readonly EventLoop _loop;

    public LoopClock(EventLoop loop) => _loop = loop;

    public TimeSpan Now => _loop.Now;
    public bool IsVirtual => _loop.IsVirtual;

    public IScheduledWork Schedule(TimeSpan delay, Action action) =>
        _loop.ScheduleAt(_loop.Now + (delay > TimeSpan.Zero ? delay : TimeSpan.Zero), action);
}
