using SdnController.VirtualNetwork.Simulation;

namespace SdnController.VirtualNetwork.Links;

public enum LinkState
{
    Up,
    /// <summary>Down with loss of carrier: the end switches see their ports go down.</summary>
    Down,
    /// <summary>Drops everything but both ports stay up (a failed middle box); only keepalives can notice.</summary>
    SilentlyDown,
}

/// <summary>
/// A full-duplex cable: two independent <see cref="LinkDirection"/>s. The network decides when it carries
/// (its own state and both end devices being up); the link just does what it is told.
/// </summary>
public sealed class VirtualLink
{
    internal VirtualLink(string id, string endA, string endB, EventLoop loop, LinkParameters parameters, Random random, IDropObserver drops)
    {
        parameters.Validate(id);
        Id = id;
        EndA = endA;
        EndB = endB;
        Parameters = parameters;
        AToB = new LinkDirection($"{id}:{endA}>{endB}", loop, parameters, random, drops);
        BToA = new LinkDirection($"{id}:{endB}>{endA}", loop, parameters, random, drops);
    }

    public string Id { get; }
    /// <summary>"s1:3" style names of the two ends (a host end is the host id).</summary>
    public string EndA { get; }
    public string EndB { get; }
    public LinkParameters Parameters { get; }
    public LinkDirection AToB { get; }
    public LinkDirection BToA { get; }
    /// <summary>What was last set on the link itself; it carries only when this is Up and both ends are powered.</summary>
    public LinkState State { get; internal set; } = LinkState.Up;
    public bool IsCarrying => AToB.IsCarrying;

    internal void Stop(Switching.DropReason reason)
    {
        AToB.Stop(reason);
        BToA.Stop(reason);
    }

    internal void Start()
    {
        AToB.Start();
        BToA.Start();
    }
}
