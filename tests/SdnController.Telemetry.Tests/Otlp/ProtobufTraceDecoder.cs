using System.Text;

namespace SdnController.Telemetry.Tests.Otlp;

/// <summary>A span as it arrived on the wire (ids as lower-case hex; an absent parent is "").</summary>
public sealed record WireSpan(string TraceId, string SpanId, string ParentSpanId, string Name, int Kind,
    ulong StartUnixNano, ulong EndUnixNano, IReadOnlyDictionary<string, object?> Attributes, string ScopeName, IReadOnlyDictionary<string, object?> Resource);

/// <summary>
/// A hand-written reader of the OTLP protobuf wire format, independent of the exporter's own serializer, for
/// ExportTraceServiceRequest (opentelemetry-proto collector/trace/v1): field numbers from trace.proto,
/// resource.proto and common.proto. Unknown fields are skipped by wire type.
/// </summary>
public static class ProtobufTraceDecoder
{
    public static List<WireSpan> Decode(ReadOnlySpan<byte> request)
    {
        var spans = new List<WireSpan>();
        var r = new Reader(request.ToArray());
        while (r.More)
        {
            var (field, wire) = r.Tag();
            if (field == 1 && wire == 2) ResourceSpans(r.Message(), spans); // ExportTraceServiceRequest.resource_spans
            else r.Skip(wire);
        }
        return spans;
    }

    private static void ResourceSpans(Reader r, List<WireSpan> into)
    {
        var resource = new Dictionary<string, object?>();
        var scopes = new List<Reader>();
        while (r.More)
        {
            var (field, wire) = r.Tag();
            if (field == 1 && wire == 2) // resource: Resource { 1: repeated KeyValue attributes }
            {
                var res = r.Message();
                while (res.More)
                {
                    var (f, w) = res.Tag();
                    if (f == 1 && w == 2) KeyValue(res.Message(), resource);
                    else res.Skip(w);
                }
            }
            else if (field == 2 && wire == 2) scopes.Add(r.Message()); // scope_spans
            else r.Skip(wire);
        }
        foreach (var s in scopes) ScopeSpans(s, resource, into);
    }

    private static void ScopeSpans(Reader r, Dictionary<string, object?> resource, List<WireSpan> into)
    {
        var scopeName = "";
        var spans = new List<Reader>();
        while (r.More)
        {
            var (field, wire) = r.Tag();
            if (field == 1 && wire == 2) // scope: InstrumentationScope { 1: name, 2: version }
            {
                var scope = r.Message();
                while (scope.More)
                {
                    var (f, w) = scope.Tag();
                    if (f == 1 && w == 2) scopeName = scope.String();
                    else scope.Skip(w);
                }
            }
            else if (field == 2 && wire == 2) spans.Add(r.Message()); // spans
            else r.Skip(wire);
        }
        foreach (var s in spans) into.Add(Span(s, scopeName, resource));
    }

    private static WireSpan Span(Reader r, string scope, Dictionary<string, object?> resource)
    {
        string traceId = "", spanId = "", parent = "", name = "";
        var kind = 0;
        ulong start = 0, end = 0;
        var attributes = new Dictionary<string, object?>();
        while (r.More)
        {
            var (field, wire) = r.Tag();
            switch (field, wire)
            {
                case (1, 2): traceId = Convert.ToHexStringLower(r.Bytes()); break;
                case (2, 2): spanId = Convert.ToHexStringLower(r.Bytes()); break;
                case (4, 2): parent = Convert.ToHexStringLower(r.Bytes()); break;
                case (5, 2): name = r.String(); break;
                case (6, 0): kind = (int)r.Varint(); break;
                case (7, 1): start = r.Fixed64(); break;
                case (8, 1): end = r.Fixed64(); break;
                case (9, 2): KeyValue(r.Message(), attributes); break;
                default: r.Skip(wire); break;
            }
        }
        return new WireSpan(traceId, spanId, parent, name, kind, start, end, attributes, scope, resource);
    }

    /// <summary>KeyValue { 1: key, 2: AnyValue { 1 string, 2 bool, 3 int64, 4 double, 5 ArrayValue { 1: repeated AnyValue } } }.</summary>
    private static void KeyValue(Reader r, Dictionary<string, object?> into)
    {
        var key = "";
        object? value = null;
        while (r.More)
        {
            var (field, wire) = r.Tag();
            if (field == 1 && wire == 2) key = r.String();
            else if (field == 2 && wire == 2) value = AnyValue(r.Message());
            else r.Skip(wire);
        }
        into[key] = value;
    }

    private static object? AnyValue(Reader r)
    {
        object? value = null;
        while (r.More)
        {
            var (field, wire) = r.Tag();
            switch (field, wire)
            {
                case (1, 2): value = r.String(); break;
                case (2, 0): value = r.Varint() != 0; break;
                case (3, 0): value = (long)r.Varint(); break;
                case (4, 1): value = BitConverter.Int64BitsToDouble((long)r.Fixed64()); break;
                case (5, 2):
                {
                    var items = new List<object?>();
                    var array = r.Message();
                    while (array.More)
                    {
                        var (f, w) = array.Tag();
                        if (f == 1 && w == 2) items.Add(AnyValue(array.Message()));
                        else array.Skip(w);
                    }
                    value = items;
                    break;
                }
                default: r.Skip(wire); break;
            }
        }
        return value;
    }

    private sealed class Reader(byte[] data, int start = 0, int end = -1)
    {
        private int _pos = start;
        private readonly int _end = end < 0 ? data.Length : end;

        public bool More => _pos < _end;

        public (int Field, int Wire) Tag()
        {
            var tag = Varint();
            return ((int)(tag >> 3), (int)(tag & 7));
        }

        public ulong Varint()
        {
            ulong value = 0;
            for (var shift = 0; shift < 64; shift += 7)
            {
                if (_pos >= _end) throw new FormatException("truncated varint");
                var b = data[_pos++];
                value |= (ulong)(b & 0x7f) << shift;
                if ((b & 0x80) == 0) return value;
            }
            throw new FormatException("varint longer than 10 bytes");
        }

        public ulong Fixed64()
        {
            if (_pos + 8 > _end) throw new FormatException("truncated fixed64");
            var v = BitConverter.ToUInt64(data, _pos); // protobuf is little-endian, as is every .NET we run on
            _pos += 8;
            return v;
        }

        public Reader Message()
        {
            var length = (int)Varint();
            if (_pos + length > _end) throw new FormatException("length-delimited field runs past its message");
            var sub = new Reader(data, _pos, _pos + length);
            _pos += length;
            return sub;
        }

        public byte[] Bytes()
        {
            var m = Message();
            return data[m._pos..m._end];
        }

        public string String()
        {
            var m = Message();
            return Encoding.UTF8.GetString(data, m._pos, m._end - m._pos);
        }

        public void Skip(int wire)
        {
            switch (wire)
            {
                case 0: Varint(); break;
                case 1: _pos += 8; break;
                case 2: Message(); break;
                case 5: _pos += 4; break;
                default: throw new FormatException($"unsupported wire type {wire}");
            }
        }
    }
}
