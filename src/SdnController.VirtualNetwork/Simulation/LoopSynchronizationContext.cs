namespace SdnController.VirtualNetwork.Simulation;

/// <summary>
/// Routes Post to the loop's work queue, so anything that captures this context (Akka's synchronized
/// dispatcher, await continuations) runs on the loop thread in a deterministic order.
/// </summary>
internal sealed class LoopSynchronizationContext : SynchronizationContext
{
    private readonly EventLoop _loop;

    public LoopSynchronizationContext(EventLoop loop) => _loop = loop;

    public override void Post(SendOrPostCallback d, object? state) => _loop.Post(d, state);

    public override void Send(SendOrPostCallback d, object? state)
    {
        if (_loop.IsLoopThread)
        {
            d(state);
            return;
        }
        // Another thread wants a synchronous call: queue it and wait. Blocks forever if the loop is not running,
        // which is the same contract as WindowsFormsSynchronizationContext.Send without a message pump.
        using var done = new ManualResetEventSlim();
        Exception? error = null;
        _loop.Post(_ =>
        {
            try { d(state); }
            catch (Exception e) { error = e; }
            finally { done.Set(); }
        }, null);
        done.Wait();
        if (error is not null) throw new AggregateException(error);
    }

    public override SynchronizationContext CreateCopy() => this;
}
