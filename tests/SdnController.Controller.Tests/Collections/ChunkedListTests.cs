using SdnController.Controller.Collections;

namespace SdnController.Controller.Tests.Collections;

public class ChunkedListTests
{
    [Test]
    public void Items_read_back_by_index_across_chunks()
    {
        var list = new ChunkedList<int>();
        var n = 3 * ChunkedList<int>.ChunkSize + 17;
        for (var i = 0; i < n; i++) list.Add(i * 7);
        Assert.That(list.Count, Is.EqualTo(n));
        for (var i = 0; i < n; i++)
            if (list[i] != i * 7) Assert.Fail($"item {i} is {list[i]}");
    }

    [Test]
    public void Items_are_set_through_the_index()
    {
        var list = new ChunkedList<string?>();
        for (var i = 0; i < ChunkedList<string?>.ChunkSize + 1; i++) list.Add(null);
        list[ChunkedList<string?>.ChunkSize] = "last";
        list[3] = "fourth";
        Assert.That((list[3], list[ChunkedList<string?>.ChunkSize], list[4]), Is.EqualTo(("fourth", "last", (string?)null)));
    }

    [Test]
    public void Reading_past_the_end_is_an_error()
    {
        var list = new ChunkedList<int>();
        list.Add(1);
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = list[1]);
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = list[-1]);
    }
}
