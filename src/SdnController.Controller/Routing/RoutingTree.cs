using SdnController.Paths.Algorithms;
using SdnController.Paths.Graph;

namespace SdnController.Controller.Routing;

/// <summary>
/// One root's shortest-path tree as the routing service needs it: labels, parent links, and whether a
/// link is in the tree. Two forms give identical answers: a full Dijkstra tree for any weights, and a
/// hop-level tree (a byte per switch) when every link weighs the same.
/// </summary>
internal abstract class RoutingTree
{
    public abstract bool Reachable(int node);
    public abstract int Hops(int node);
    public abstract double Distance(int node);
    /// <summary>Last link of the path to the node, under the failed links the tree is current for.</summary>
    public abstract int ParentLink(int node, LinkSet failed);
    /// <summary>Is link (a, b) the parent link of a or b, under the failed links the tree was searched with?</summary>
    public abstract bool Uses(int link, int a, int b, LinkSet failed);
    public abstract long SizeBytes { get; }

    /// <summary>Dijkstra's tree, arrays as searched (20 bytes per switch).</summary>
    public sealed class Weighted(ShortestPathTree tree) : RoutingTree
    {
        public override bool Reachable(int node) => tree.Reachable(node);
        public override int Hops(int node) => tree.Hops[node];
        public override double Distance(int node) => tree.Distance[node];
        public override int ParentLink(int node, LinkSet failed) => tree.ParentLink[node];
        public override bool Uses(int link, int a, int b, LinkSet failed) => tree.ParentLink[a] == link || tree.ParentLink[b] == link;
        public override long SizeBytes => 20L * tree.Distance.Length;
    }

    /// <summary>Uniform weights: hop levels only, parents derived by the same tie rule.</summary>
    public sealed class Hop(HopTree tree) : RoutingTree
    {
        public override bool Reachable(int node) => tree.Reachable(node);
        public override int Hops(int node) => tree.Hops(node);
        public override double Distance(int node) => tree.Distance(node);
        public override int ParentLink(int node, LinkSet failed) => tree.ParentLink(node, failed);

        public override bool Uses(int link, int a, int b, LinkSet failed)
        {
            int la = tree.Level(a), lb = tree.Level(b);
            if (la < 0 || lb < 0) return false;
            // Only a link one level down can be a parent link; check the endpoint it would lead to.
            if (lb == la + 1) return tree.ParentLink(b, failed) == link;
            if (la == lb + 1) return tree.ParentLink(a, failed) == link;
            return false;
        }

        public override long SizeBytes => tree.SizeBytes;
    }
}
