using SdnController.Controller.Messages;

namespace SdnController.Controller.Tests.Messages;

/// <summary>A reactive flow's spec derives its id from its fields when read; it must be the id the controller always gave them.</summary>
public class FlowSpecTests
{
    [Test]
    public void Reactive_ids_follow_from_the_fields()
    {
        Assert.That(FlowSpec.Reactive("h1", "h4", 17, 1024, 5000).Id, Is.EqualTo("reactive:udp:h1:1024-h4:5000"));
        Assert.That(FlowSpec.Reactive("h2", "h3", 6, 40000, 80).Id, Is.EqualTo("reactive:tcp:h2:40000-h3:80"));
        Assert.That(FlowSpec.Reactive("h2", "h3", 47, 9, 9).Id, Is.EqualTo("reactive:ip47:h2-h3"));
    }

    [Test]
    public void Ports_count_only_for_tcp_and_udp()
    {
        var gre = FlowSpec.Reactive("h2", "h3", 47, 9, 9);
        Assert.That((gre.SourcePort, gre.DestinationPort, gre.Bidirectional), Is.EqualTo(((ushort)0, (ushort)0, false)));
    }

    [Test]
    public void A_reactive_spec_equals_the_same_spec_with_its_id_given()
    {
        var derived = FlowSpec.Reactive("h1", "h4", 17, 1024, 5000);
        var given = new FlowSpec("reactive:udp:h1:1024-h4:5000", "h1", "h4", 17, 1024, 5000, Bidirectional: false);
        Assert.That(derived.HasReactiveId && !given.HasReactiveId, Is.True);
        Assert.That(derived, Is.EqualTo(given));
        Assert.That(derived.GetHashCode(), Is.EqualTo(given.GetHashCode()));
        Assert.That(derived, Is.Not.EqualTo(FlowSpec.Reactive("h1", "h4", 17, 1024, 5001)));
        Assert.That(derived, Is.Not.EqualTo(derived with { Class = "voice" }));
    }

    [Test]
    public void Declared_specs_keep_their_id_and_value_equality()
    {
        var a = new FlowSpec("web", "h1", "h2", 6, 0, 80, Bidirectional: true) { Class = "bulk" };
        Assert.That(a.Id, Is.EqualTo("web"));
        Assert.That(a, Is.EqualTo(new FlowSpec("web", "h1", "h2", 6, 0, 80, Bidirectional: true) { Class = "bulk" }));
        Assert.That(a with { Id = "web2" }, Is.Not.EqualTo(a));
        Assert.That((a with { Id = "web2" }).Id, Is.EqualTo("web2"));
    }
}
