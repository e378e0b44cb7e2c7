namespace SdnController.Topology.Model;

/// <summary>A port on a switch, written <c>s1:3</c> in files and output.</summary>
public readonly record struct PortRef(string Node, int Port)
{
    public override string ToString() => $"{Node}:{Port}";
}
