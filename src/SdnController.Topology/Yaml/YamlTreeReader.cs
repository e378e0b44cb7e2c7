using SdnController.Topology.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace SdnController.Topology.Yaml;

/// <summary>
/// Reads YAML text into a <see cref="YNode"/> tree with 1-based positions, using YamlDotNet's
/// event parser (its marks are 1-based line and column, as editors show them).
/// </summary>
/// <remarks>
/// Iterative rather than recursive, so a deeply nested garbage file cannot overflow the stack.
/// Aliases share the anchored node (no copying), so "billion laughs" files stay small.
/// </remarks>
internal static class YamlTreeReader
{
    /// <summary>
    /// Deeper nesting is refused: no topology needs more than a handful of levels, and YamlDotNet's scanner does
    /// work proportional to the depth per token, so a file of 100,000 '[' took minutes (found by tools/fuzz).
    /// </summary>
    public const int MaxDepth = 256;

    private sealed class Frame
    {
        public required YNode Node { get; init; }
        public string? Anchor { get; init; }
        public YNode? PendingKey { get; set; }
        /// <summary>YamlDotNet gave no usable start mark; take the first key's.</summary>
        public bool LocateAtFirstKey { get; init; }
    }

    /// <summary>
    /// The document's root, or null when the file is empty or not valid YAML (then an error is
    /// already in <paramref name="diagnostics"/>, except for an empty file, which the caller words).
    /// </summary>
    public static YNode? Read(string text, string file, DiagnosticBag diagnostics, out bool isEmpty)
    {
        isEmpty = false;
        var parser = new Parser(new StringReader(text));
        var anchors = new Dictionary<string, YNode>(StringComparer.Ordinal);
        var stack = new Stack<Frame>();
        YNode? root = null;
        var documents = 0;
        Mark last = Mark.Empty;
        try
        {
            while (parser.MoveNext())
            {
                var ev = parser.Current!;
                switch (ev)
                {
                    case DocumentStart:
                        documents++;
                        if (documents > 1)
                        {
                            diagnostics.Error(At(file, ev.Start), "expected a single YAML document, found a second one (remove the extra '---')");
                            return null;
                        }
                        break;
                    case Scalar s:
                    {
                        var node = new YScalar(At(file, s.Start), s.Value, s.Style == ScalarStyle.Plain && !IsStringTag(s.Tag));
                        if (!s.Anchor.IsEmpty) anchors[s.Anchor.Value] = node;
                        Attach(node, stack, ref root);
                        break;
                    }
                    case AnchorAlias alias:
                    {
                        if (!anchors.TryGetValue(alias.Value.Value, out var target))
                        {
                            diagnostics.Error(At(file, alias.Start), $"alias '*{alias.Value.Value}' refers to no anchor defined before it");
                            return null;
                        }
                        Attach(target, stack, ref root);
                        break;
                    }
                    case NodeEvent when stack.Count >= MaxDepth && ev is SequenceStart or MappingStart:
                        diagnostics.Error(At(file, ev.Start), $"nesting deeper than {MaxDepth} levels; a topology file needs only a few");
                        return null;
                    case SequenceStart ss:
                        stack.Push(new Frame { Node = new YSequence(At(file, ss.Start)), Anchor = AnchorOf(ss.Anchor) });
                        break;
                    case MappingStart ms:
                        stack.Push(new Frame
                        {
                            Node = new YMapping(At(file, ms.Start)),
                            Anchor = AnchorOf(ms.Anchor),
                            // A single-pair mapping inside a flow sequence ("[a: 1]") gets a start
                            // mark from the beginning of the stream.
                            LocateAtFirstKey = ms.Start.Index < last.Index,
                        });
                        break;
                    case SequenceEnd or MappingEnd:
                    {
                        var frame = stack.Pop();
                        if (frame.Anchor is not null) anchors[frame.Anchor] = frame.Node;
                        Attach(frame.Node, stack, ref root);
                        break;
                    }
                }
                last = ev.Start;
            }
        }
        catch (YamlException ex)
        {
            var at = At(file, ex.Start);
            if (ex.Message.Contains("tab", StringComparison.OrdinalIgnoreCase)) at = FirstIndentingTab(text, file) ?? at;
            diagnostics.Error(at, $"invalid YAML: {CleanMessage(ex.Message)}");
            return null;
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or IndexOutOfRangeException)
        {
            // YamlDotNet's scanner sometimes fails without a YamlException (e.g. an unclosed '[');
            // the last event it produced is the best position we have.
            // Its own message ("Operation is not valid due to the current state of the object") helps nobody.
            diagnostics.Error(At(file, last), "invalid YAML: the parser could not continue after this point (an unclosed '[', '{' or quote?)");
            return null;
        }
        isEmpty = root is null || root is YScalar { IsNull: true };
        return root;
    }

    private static void Attach(YNode node, Stack<Frame> stack, ref YNode? root)
    {
        if (stack.Count == 0)
        {
            root = node;
            return;
        }
        var parent = stack.Peek();
        switch (parent.Node)
        {
            case YSequence seq:
                seq.Items.Add(node);
                break;
            case YMapping map when parent.PendingKey is null:
                if (parent.LocateAtFirstKey && map.Entries.Count == 0) map.Location = node.Location;
                parent.PendingKey = node;
                break;
            case YMapping map:
                map.Entries.Add(new YEntry(parent.PendingKey!, node));
                parent.PendingKey = null;
                break;
        }
    }

    // YamlDotNet reports a tab used for indentation at the start of the enclosing mapping, which
    // can be far away; the tab itself is what the user has to fix.
    private static SourceLocation? FirstIndentingTab(string text, string file)
    {
        var line = 1;
        var col = 1;
        var inIndent = true;
        foreach (var c in text)
        {
            if (c == '\n')
            {
                line++;
                col = 1;
                inIndent = true;
                continue;
            }
            if (inIndent && c == '\t') return new SourceLocation(file, line, col);
            if (c != ' ') inIndent = false;
            col++;
        }
        return null;
    }

    private static string? AnchorOf(AnchorName anchor) => anchor.IsEmpty ? null : anchor.Value;

    private static bool IsStringTag(TagName tag) =>
        !tag.IsEmpty && tag.Value is "tag:yaml.org,2002:str" or "!!str";

    private static string CleanMessage(string message)
    {
        // YamlDotNet prefixes "(Line: 3, Col: 5, Idx: 20) - (Line: ...): "; our location says that already.
        var i = message.IndexOf("): ", StringComparison.Ordinal);
        return message.StartsWith("(Line:", StringComparison.Ordinal) && i >= 0 ? message[(i + 3)..] : message;
    }

    internal static SourceLocation At(string file, Mark mark) =>
        new(file, Math.Max(1, (int)Math.Min(mark.Line, int.MaxValue)), Math.Max(1, (int)Math.Min(mark.Column, int.MaxValue)));
}
