using SdnController.Topology.Diagnostics;

namespace SdnController.Topology.Yaml;

/// <summary>Checks that a section is a sequence of mappings and yields the well-formed items.</summary>
internal static class SectionShape
{
    /// <param name="itemWhat">One item, for messages: "switch", "host".</param>
    /// <param name="required">When true an empty value or empty sequence is an error; otherwise it means "none".</param>
    public static List<YMapping> MappingItems(YEntry section, string itemWhat, bool required, DiagnosticBag diagnostics)
    {
        var result = new List<YMapping>();
        var key = ((YScalar)section.Key).Value;
        switch (section.Value)
        {
            case YScalar { IsNull: true } when !required:
                return result;
            case YSequence { Items.Count: 0 } when required:
                diagnostics.Error(section.Value.Location, $"expected at least one {itemWhat} in '{key}', found an empty sequence");
                return result;
            case YSequence seq:
                foreach (var item in seq.Items)
                {
                    if (item is YMapping m) result.Add(m);
                    else diagnostics.Error(item.Location, $"expected a mapping ({itemWhat} with keys such as 'id') in '{key}', found {item.Describe()}");
                }
                return result;
            default:
                var at = section.Value is YScalar { IsNull: true } ? section.Key.Location : section.Value.Location;
                diagnostics.Error(at, $"expected a sequence of {itemWhat} mappings for '{key}' (items start with '- '), found {section.Value.Describe()}");
                return result;
        }
    }

    /// <summary>
    /// An optional mapping section (such as <c>controller:</c>, <c>detection:</c>) ready to read, or null when it
    /// is empty (meaning "all defaults") or not a mapping (reported, naming <paramref name="keys"/>).
    /// </summary>
    public static MappingReader? OptionalMapping(YEntry section, string what, IReadOnlyList<string> keys, DiagnosticBag diagnostics,
        IReadOnlyDictionary<string, string>? aliases = null)
    {
        if (section.Value is YScalar { IsNull: true }) return null;
        if (section.Value is YMapping map) return new MappingReader(map, what, keys, diagnostics, aliases);
        diagnostics.Error(section.Value.Location, $"expected a mapping ({string.Join(", ", keys)}) for '{((YScalar)section.Key).Value}', found {section.Value.Describe()}");
        return null;
    }
}
