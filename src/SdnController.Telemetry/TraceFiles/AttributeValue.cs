using System.Globalization;
using System.Text;

namespace SdnController.Telemetry.TraceFiles;

public enum AttributeKind
{
    Empty,
    String,
    Bool,
    Int,
    Double,
    Array,
    KeyValueList,
    Bytes,
}

/// <summary>An OTLP AnyValue read back from a trace file. Bytes keep their base64 text.</summary>
public sealed record AttributeValue(AttributeKind Kind, string? Text = null, long Int = 0, double Double = 0, bool Bool = false,
    IReadOnlyList<AttributeValue>? Items = null, IReadOnlyList<SpanAttribute>? Fields = null)
{
    public static readonly AttributeValue Empty = new(AttributeKind.Empty);

    /// <summary>The value as a number when it is one (int or double).</summary>
    public double? AsNumber() => Kind switch
    {
        AttributeKind.Int => Int,
        AttributeKind.Double => Double,
        _ => null,
    };

    /// <summary>Plain text for display: numbers invariant, arrays comma-separated in brackets.</summary>
    public override string ToString()
    {
        switch (Kind)
        {
            case AttributeKind.String:
            case AttributeKind.Bytes:
                return Text ?? "";
            case AttributeKind.Bool:
                return Bool ? "true" : "false";
            case AttributeKind.Int:
                return Int.ToString(CultureInfo.InvariantCulture);
            case AttributeKind.Double:
                return Double.ToString("0.###", CultureInfo.InvariantCulture);
            case AttributeKind.Array:
            {
                var sb = new StringBuilder("[");
                for (var i = 0; i < Items!.Count; i++) sb.Append(i > 0 ? "," : "").Append(Items[i]);
                return sb.Append(']').ToString();
            }
            case AttributeKind.KeyValueList:
            {
                var sb = new StringBuilder("{");
                for (var i = 0; i < Fields!.Count; i++) sb.Append(i > 0 ? "," : "").Append(Fields[i].Key).Append('=').Append(Fields[i].Value);
                return sb.Append('}').ToString();
            }
            default:
                return "";
        }
    }
}

/// <summary>One OTLP KeyValue.</summary>
public sealed record SpanAttribute(string Key, AttributeValue Value);
