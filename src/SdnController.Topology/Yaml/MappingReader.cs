using SdnController.Topology.Diagnostics;

namespace SdnController.Topology.Yaml;

/// <summary>
/// Checks one mapping against the keys it may hold: reports unknown keys (with a did-you-mean),
/// duplicate keys (at the second one) and keys that are not names, then hands out entries by name.
/// </summary>
internal sealed class MappingReader
{
    private readonly Dictionary<string, YEntry> _entries = new(StringComparer.Ordinal);

    /// <param name="what">What the mapping is, for messages: "switch", "link", "the top level".</param>
    /// <param name="aliases">Common wrong names mapped to the right one, for hints edit distance misses.</param>
    public MappingReader(YMapping mapping, string what, IReadOnlyList<string> knownKeys, DiagnosticBag diagnostics,
        IReadOnlyDictionary<string, string>? aliases = null)
    {
        Mapping = mapping;
        What = what;
        foreach (var entry in mapping.Entries)
        {
            if (entry.Key is not YScalar { IsNull: false } key)
            {
                diagnostics.Error(entry.Key.Location, $"expected a key name in {what}, found {entry.Key.Describe()}");
                continue;
            }
            if (_entries.TryGetValue(key.Value, out var first))
            {
                diagnostics.Error(key.Location, $"duplicate key '{key.Value}' in {what} (first at line {first.Key.Location.Line}:{first.Key.Location.Column})");
                continue;
            }
            if (key.Value == "<<")
            {
                diagnostics.Error(key.Location, "merge keys ('<<') are not supported; write the keys out");
                continue;
            }
            if (!Contains(knownKeys, key.Value))
            {
                var hint = aliases is not null && aliases.TryGetValue(key.Value.ToLowerInvariant(), out var meant)
                    ? $" (did you mean '{meant}'?)"
                    : DidYouMean.Hint(key.Value, knownKeys);
                diagnostics.Error(key.Location, $"unknown key '{key.Value}' in {what}{hint}; expected one of: {string.Join(", ", knownKeys)}");
                continue;
            }
            _entries[key.Value] = entry;
        }
    }

    public YMapping Mapping { get; }
    public string What { get; }

    public bool TryGet(string key, out YEntry entry) => _entries.TryGetValue(key, out entry);

    /// <summary>The entry, or an error at the mapping's start saying the key is missing.</summary>
    public bool Require(string key, DiagnosticBag diagnostics, out YEntry entry)
    {
        if (_entries.TryGetValue(key, out entry)) return true;
        diagnostics.Error(Mapping.Location, $"{What} is missing required key '{key}'");
        return false;
    }

    private static bool Contains(IReadOnlyList<string> keys, string key)
    {
        for (var i = 0; i < keys.Count; i++)
            if (string.Equals(keys[i], key, StringComparison.Ordinal)) return true;
        return false;
    }
}
