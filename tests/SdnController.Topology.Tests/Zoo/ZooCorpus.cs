using SdnController.Testing;
using SdnController.Topology.Diagnostics;
using SdnController.Topology.Zoo;

namespace SdnController.Topology.Tests.Zoo;

/// <summary>
/// The 276 Zoo networks in both formats, loaded once per test run (about a second) and shared by the
/// corpus tests, with the diagnostics each load produced.
/// </summary>
internal sealed class ZooCorpus
{
    public sealed record Loaded(Model.Topology? Topology, DiagnosticBag Diagnostics);
    public sealed record IndexRow(string Name, int Nodes, int Edges, bool LinkSpeed, bool Geo);

    private static ZooCorpus? _instance;
    private static readonly object Gate = new();

    public string Directory { get; }
    public IReadOnlyList<IndexRow> Index { get; }
    public IReadOnlyDictionary<string, Loaded> Graphml { get; }
    public IReadOnlyDictionary<string, Loaded> Gml { get; }

    private ZooCorpus(string dir)
    {
        Directory = dir;
        Index = ReadIndex(Path.Combine(dir, "index.csv"));
        Graphml = LoadAll(Path.Combine(dir, "graphml"), "*.graphml", GraphmlImporter.Load);
        Gml = LoadAll(Path.Combine(dir, "gml"), "*.gml", GmlImporter.Load);
    }

    /// <summary>The corpus, or the calling test is ignored when the shared data is absent.</summary>
    public static ZooCorpus Get()
    {
        var dir = SharedData.RequireDirectory("topologyzoo");
        lock (Gate) return _instance ??= new ZooCorpus(dir);
    }

    public static Loaded LoadOne(string dir, string network, bool graphml, ZooImportOptions? options = null)
    {
        var d = new DiagnosticBag();
        var path = graphml ? Path.Combine(dir, "graphml", network + ".graphml") : Path.Combine(dir, "gml", network + ".gml");
        var t = graphml ? GraphmlImporter.Load(path, options ?? new ZooImportOptions(), d) : GmlImporter.Load(path, options ?? new ZooImportOptions(), d);
        return new Loaded(t, d);
    }

    private static Dictionary<string, Loaded> LoadAll(string dir, string pattern, Func<string, ZooImportOptions, DiagnosticBag, Model.Topology?> load)
    {
        var files = System.IO.Directory.GetFiles(dir, pattern);
        Array.Sort(files, StringComparer.Ordinal);
        var result = new Loaded[files.Length];
        var options = new ZooImportOptions();
        Parallel.For(0, files.Length, i =>
        {
            var d = new DiagnosticBag();
            result[i] = new Loaded(load(files[i], options, d), d);
        });
        var map = new Dictionary<string, Loaded>(StringComparer.Ordinal);
        for (var i = 0; i < files.Length; i++) map[Path.GetFileNameWithoutExtension(files[i])] = result[i];
        return map;
    }

    private static List<IndexRow> ReadIndex(string path)
    {
        var rows = new List<IndexRow>();
        var lines = File.ReadAllLines(path);
        Assert.That(lines[0], Is.EqualTo("name,nodes,edges,edgedefault,link_speed,geo"), "index.csv header changed");
        foreach (var line in lines.Skip(1))
        {
            if (line.Length == 0) continue;
            var f = line.Split(',');
            rows.Add(new IndexRow(f[0], int.Parse(f[1]), int.Parse(f[2]), f[4] == "1", f[5] == "1"));
        }
        return rows;
    }
}
