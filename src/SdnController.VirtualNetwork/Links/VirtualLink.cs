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
/// <remarks>
/// A network of 10,000 switches has hundreds of thousands of links, so a link keeps what both directions
/// share (loop, random source, drop observer, parameters) once, and names its ends from the topology's
/// model only when asked (drop reports), instead of holding formatted strings per link and direction.
/// </remarks>
public sealed class VirtualLink
{
    private readonly object _ends;   // the topology's Link, or string[2] of end names
    private readonly LinkFabric _fabric;

    internal VirtualLink(string id, string endA, string endB, EventLoop loop, LinkParameters parameters, Random random, IDropObserver drops)
        : this(id, new string[] { endA, endB }, new LinkFabric(loop, random, drops), parameters)
    {
    }

    /// <summary>A switch-to-switch link named by its topology model (ends formatted on demand), sharing the network's fabric.</summary>
    internal VirtualLink(Topology.Model.Link model, LinkFabric fabric, LinkParameters parameters)
        : this(model.Id, model, fabric, parameters)
    {
    }

    private VirtualLink(string id, object ends, LinkFabric fabric, LinkParameters parameters)
    {
        parameters.Validate(id);
        Id = id;
        _ends = ends;
        _fabric = fabric;
        Parameters = parameters;
        AToB = new LinkDirection(this, forward: true);
        BToA = new LinkDirection(this, forward: false);
    }

    public string Id { get; }
    /// <summary>"s1:3" style names of the two ends (a host end is the host id).</summary>
    public string EndA => _ends is string[] names ? names[0] : ((Topology.Model.Link)_ends).A.ToString();
    public string EndB => _ends is string[] names ? names[1] : ((Topology.Model.Link)_ends).B.ToString();
    public LinkParameters Parameters { get; }
    public LinkDirection AToB { get; }
    public LinkDirection BToA { get; }
    /// <summary>What was last set on the link itself; it carries only when this is Up and both ends are powered.</summary>
    public LinkState State { get; internal set; } = LinkState.Up;
    public bool IsCarrying => AToB.IsCarrying;

    internal EventLoop Loop => _fabric.Loop;
    internal Random Random => _fabric.Random;
    internal IDropObserver Drops => _fabric.Drops;

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

/// <summary>What every link of one network shares: its loop, loss random source and drop observer.</summary>
internal sealed record LinkFabric(EventLoop Loop, Random Random, IDropObserver Drops);
