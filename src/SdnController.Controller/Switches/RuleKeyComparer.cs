using SdnController.Southbound.Matching;

namespace SdnController.Controller.Switches;

/// <summary>
/// Equality of <see cref="RuleKey"/> as the record's, with a cheaper hash: the match's fields folded with
/// multiplies instead of the record's generated hash (a comparer call per nullable field). Rules of one
/// flow share one Match object, so equality usually ends at the reference check.
/// </summary>
public sealed class RuleKeyComparer : IEqualityComparer<RuleKey>
{
    public static readonly RuleKeyComparer Instance = new();

    public bool Equals(RuleKey a, RuleKey b) =>
        a.Priority == b.Priority && (ReferenceEquals(a.Match, b.Match) || (a.Match is not null && a.Match.Equals(b.Match)));

    public int GetHashCode(RuleKey key) => MatchComparer.Hash((ulong)(uint)key.Priority, key.Match);
}
