using System.Text;
using System.Text.Json;
using Vigil.Server.AlertmanagerApi;
using Vigil.Server.Labels;

namespace Vigil.Server.Tests.AlertmanagerApi;

/// <summary>The quick label (and annotation) writer of the alert list writes exactly the bytes Utf8JsonWriter writes.</summary>
public sealed class PlainJsonObjectTests
{
    [Fact]
    public void Write_GivesTheWritersBytes_ForEveryAsciiCharacterInANameAndAValue()
    {
        for (var c = (char)0; c < 0x80; c++)
        {
            var labels = LabelSet.Of(("alertname", "Disk"), ("na" + c + "me", "va" + c + "lue"), ("zone", "eu-1"));
            Assert.Equal(ThroughTheWriter(labels), Quick(labels));
        }
    }

    [Fact]
    public void Write_GivesTheWritersBytes_ForNonAsciiEmptyAndLongSets()
    {
        var sets = new[]
        {
            LabelSet.Empty,
            LabelSet.Of(("summary", "Plattenplatz fast voll: 97 % auf /var — Ärger in Köln")),
            LabelSet.Of(("emoji", "🔥 on fire"), ("instance", "db-1:9100")),
            LabelSet.Of(("description", new string('x', 5000)), ("runbook", "https://runbooks.example/disk?id=1&x=<y>")),
            LabelSet.Of(("plain", new string('a', 3000)), ("other", "b")),
        };
        foreach (var labels in sets)
        {
            Assert.Equal(ThroughTheWriter(labels), Quick(labels));
        }
    }

    [Fact]
    public void Write_GivesTheWritersBytes_ForRandomPrintableLabels()
    {
        var random = new Random(15);
        for (var i = 0; i < 2_000; i++)
        {
            var pairs = new List<(string, string)>();
            for (var j = random.Next(0, 8); j > 0; j--)
            {
                pairs.Add(("l" + RandomText(random, 1, 12), RandomText(random, 0, 40)));
            }
            var labels = LabelSet.Of([.. pairs]);
            Assert.Equal(ThroughTheWriter(labels), Quick(labels));
        }
    }

    private static string RandomText(Random random, int min, int max)
    {
        var text = new char[random.Next(min, max)];
        for (var i = 0; i < text.Length; i++)
        {
            text[i] = (char)random.Next(0x20, 0x7F);
        }
        return new string(text);
    }

    /// <summary>Both quick ways, as labels and as packed annotations, checked to agree.</summary>
    private static string Quick(LabelSet labels)
    {
        var packed = Written(w => PlainJsonObject.Write(w, AnnotationSet.From(labels)));
        var quick = Written(w => PlainJsonObject.Write(w, labels));
        Assert.Equal(quick, packed);
        return quick;
    }

    private static string ThroughTheWriter(LabelSet labels) => Written(w => PlainJsonObject.WriteEscaped(w, labels));

    /// <summary>Written as a property's value and as an array item, as the alert list does.</summary>
    private static string Written(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { SkipValidation = true }))
        {
            w.WriteStartObject();
            w.WritePropertyName("labels");
            write(w);
            w.WriteString("after", "x");
            w.WriteStartArray("items");
            write(w);
            write(w);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
