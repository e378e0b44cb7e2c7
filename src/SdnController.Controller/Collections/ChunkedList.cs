namespace SdnController.Controller.Collections;

/// <summary>
/// An append-only list kept in fixed chunks of <see cref="ChunkSize"/> items, never copied as it grows.
/// </summary>
/// <remarks>
/// The flow manager keeps lists with an item per flow (flows by number, rule chains by match id). As a
/// <see cref="List{T}"/> each doubling of such a list is a new large-object array (above 85,000 bytes), and
/// large-object allocations are what set off full (gen 2) collections while a reactive run sets up flows;
/// chunks of 4,096 items stay below that size (for items up to 16 bytes) and are allocated once each.
/// </remarks>
public sealed class ChunkedList<T>
{
    private const int ChunkBits = 12;
    public const int ChunkSize = 1 << ChunkBits;
    private T[][] _chunks = [];

    public int Count { get; private set; }

    public ref T this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(index), index, $"the list holds {Count} items");
            return ref _chunks[index >> ChunkBits][index & (ChunkSize - 1)];
        }
    }

    public void Add(T item)
    {
        var c = Count >> ChunkBits;
        if (c == _chunks.Length) Array.Resize(ref _chunks, Math.Max(4, 2 * _chunks.Length));
        // The first chunk grows from small (most lists stay short); later ones come whole.
        ref var chunk = ref _chunks[c];
        chunk ??= new T[c == 0 ? 16 : ChunkSize];
        var i = Count & (ChunkSize - 1);
        if (i == chunk.Length) Array.Resize(ref chunk, Math.Min(ChunkSize, 2 * chunk.Length));
        chunk[i] = item;
        Count++;
    }
}
