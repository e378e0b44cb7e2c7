using System.Runtime.InteropServices;

namespace SdnController.Controller.Collections;

/// <summary>
/// A hash map split by key hash into <see cref="PartitionCount"/> ordinary dictionaries, made on first use.
/// Lookups, inserts and in-place updates only (the flow manager's per-flow indexes never remove or enumerate).
/// </summary>
/// <remarks>
/// One <see cref="Dictionary{TKey, TValue}"/> with an entry per flow becomes a large-object array once it
/// holds a few thousand entries, and every resize after that is large-object garbage: in a reactive run the
/// resizes of the flow manager's three per-flow maps were what set off full (gen 2) collections while flows
/// were being set up. Split 256 ways, each part stays a small object up to about 1,000–2,000 entries (entries
/// of up to 40 bytes), so up to a few hundred thousand flows no part's resize is a large object; the entries
/// cost the same bytes, paid by the ordinary young collections.
/// </remarks>
public sealed class PartitionedDictionary<TKey, TValue> where TKey : notnull
{
    private const int PartitionBits = 8;
    public const int PartitionCount = 1 << PartitionBits;
    private readonly Dictionary<TKey, TValue>?[] _parts = new Dictionary<TKey, TValue>?[PartitionCount];
    private readonly IEqualityComparer<TKey> _comparer;

    public PartitionedDictionary(IEqualityComparer<TKey>? comparer = null) => _comparer = comparer ?? EqualityComparer<TKey>.Default;

    public int Count { get; private set; }

    public bool TryGetValue(TKey key, out TValue value)
    {
        if (_parts[PartitionOf(key)] is { } part) return part.TryGetValue(key, out value!);
        value = default!;
        return false;
    }

    public bool ContainsKey(TKey key) => _parts[PartitionOf(key)]?.ContainsKey(key) == true;

    /// <summary>Sets the key's value (adding the key if new).</summary>
    public TValue this[TKey key]
    {
        set
        {
            ref var slot = ref GetValueRefOrAddDefault(key, out _);
            slot = value;
        }
    }

    /// <summary>
    /// The key's value by reference, added as default first when the key is new (<paramref name="exists"/> false).
    /// As with <see cref="CollectionsMarshal.GetValueRefOrAddDefault{TKey, TValue}"/>, the reference is valid only
    /// until the next insert.
    /// </summary>
    public ref TValue GetValueRefOrAddDefault(TKey key, out bool exists)
    {
        ref var part = ref _parts[PartitionOf(key)];
        part ??= new Dictionary<TKey, TValue>(_comparer);
        ref var value = ref CollectionsMarshal.GetValueRefOrAddDefault(part, key, out exists);
        if (!exists) Count++;
        return ref value!;
    }

    // The top bits of the mixed hash pick the part; the part's dictionary uses the hash's low bits for its buckets.
    private int PartitionOf(TKey key) => (int)(((uint)_comparer.GetHashCode(key) * 0x9E37_79B9u) >> (32 - PartitionBits));
}
