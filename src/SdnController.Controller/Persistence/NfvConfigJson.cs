using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using SdnController.Topology.Diagnostics;
using SdnController.Topology.Model.Nfv;

namespace SdnController.Controller.Persistence;

/// <summary>
/// How the intent store writes a network function's configuration (<see cref="FunctionConfigReplaced"/>). The topology
/// model stays free of serializer attributes: the kinds, the enum names and the prefix form are set here instead, by the
/// same names the topology file uses, so a stored configuration reads back after the model's enums are reordered.
/// </summary>
internal static class NfvConfigJson
{
    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { Modify } };
        // A damaged store must be refused when it is opened, not crash the controller later: a null where the model
        // has none, a missing constructor argument or a number for an enum name is an unreadable intent.
        options.RespectNullableAnnotations = true;
        options.RespectRequiredConstructorParameters = true;
        options.AllowOutOfOrderMetadataProperties = true;
        options.Converters.Add(new Ipv4CidrConverter());
        options.Converters.Add(new JsonStringEnumConverter<FirewallAction>(allowIntegerValues: false));
        options.Converters.Add(new JsonStringEnumConverter<TransportProtocol>(allowIntegerValues: false));
        options.Converters.Add(new JsonStringEnumConverter<RateUnit>(allowIntegerValues: false));
        options.Converters.Add(new JsonStringEnumConverter<RateLimitAction>(allowIntegerValues: false));
        return options;
    }

    private static void Modify(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object) return;
        if (info.Type == typeof(NfvConfig))
        {
            var polymorphism = new JsonPolymorphismOptions { TypeDiscriminatorPropertyName = "kind" };
            polymorphism.DerivedTypes.Add(new JsonDerivedType(typeof(FirewallConfig), NfvKinds.Name(NfvKind.Firewall)));
            polymorphism.DerivedTypes.Add(new JsonDerivedType(typeof(NatConfig), NfvKinds.Name(NfvKind.Nat)));
            polymorphism.DerivedTypes.Add(new JsonDerivedType(typeof(LoadBalancerConfig), NfvKinds.Name(NfvKind.LoadBalancer)));
            polymorphism.DerivedTypes.Add(new JsonDerivedType(typeof(RateLimiterConfig), NfvKinds.Name(NfvKind.RateLimiter)));
            polymorphism.DerivedTypes.Add(new JsonDerivedType(typeof(IdsConfig), NfvKinds.Name(NfvKind.Ids)));
            info.PolymorphismOptions = polymorphism;
        }
        if (info.Type.Namespace != typeof(NfvConfig).Namespace) return;
        // Read-only properties of the model are derived from the others (Kind, a backend's Name, a range's Count), and a
        // rule's file position only serves messages about that file: neither is part of the configuration.
        for (var i = info.Properties.Count - 1; i >= 0; i--)
        {
            var p = info.Properties[i];
            if (p.Set is null || p.PropertyType == typeof(SourceLocation)) info.Properties.RemoveAt(i);
        }
    }

    /// <summary>A prefix as the topology file writes it (<c>10.0.0.0/24</c>, a bare address for a /32).</summary>
    private sealed class Ipv4CidrConverter : JsonConverter<Ipv4Cidr>
    {
        public override Ipv4Cidr Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var text = reader.TokenType == JsonTokenType.String ? reader.GetString()! : throw new JsonException($"expected an IPv4 prefix string, found {reader.TokenType}");
            return Ipv4Cidr.TryParse(text, out var cidr, out var error) ? cidr : throw new JsonException($"'{text}': {error}");
        }

        public override void Write(Utf8JsonWriter writer, Ipv4Cidr value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
    }
}
