using System.Collections.Concurrent;
using System.Text;

namespace Vigil.Server.Templates;

/// <summary>
/// Named templates and the functions they may call (Go's *template.Template with its associated templates).
/// Built once at load (<see cref="Parse"/>), then read-only and shared between threads; texts executed with
/// <see cref="ExecuteText"/> are parsed once and cached as overlays, as Alertmanager parses each text as template "".
/// </summary>
internal sealed class TemplateSet
{
    private const int MaxCachedTexts = 4096;

    private readonly Dictionary<string, TemplateDefinition> _templates = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TemplateFunction> _functions;
    private readonly TemplateSet? _parent;
    private readonly ConcurrentDictionary<string, TemplateSet> _texts = new(StringComparer.Ordinal);

    private TemplateSet(Dictionary<string, TemplateFunction> functions, TemplateSet? parent)
    {
        _functions = functions;
        _parent = parent;
    }

    /// <summary>An empty set with Go's builtins and Alertmanager's functions (<c>since</c> reads <paramref name="clock"/>).</summary>
    public static TemplateSet Create(TimeProvider clock)
    {
        var functions = new Dictionary<string, TemplateFunction>(StringComparer.Ordinal);
        foreach (var f in GoBuiltins.All().Concat(AlertmanagerFunctions.All(clock)))
        {
            functions[f.Name] = f;
        }
        return new TemplateSet(functions, null);
    }

    public IEnumerable<string> Names => _templates.Keys.Concat(_parent?.Names ?? []).Distinct(StringComparer.Ordinal);

    /// <summary>Parses <paramref name="text"/> as template <paramref name="name"/> and adds what it defines; throws <see cref="TemplateException"/>.</summary>
    public void Parse(string name, string parseName, string text)
    {
        foreach (var definition in TemplateParser.Parse(name, parseName, text, n => _functions.ContainsKey(n)))
        {
            // Go keeps an earlier definition when the new one is empty (a file's top level around its defines).
            if (definition.IsEmpty && Lookup(definition.Name) is not null)
            {
                continue;
            }
            _templates[definition.Name] = definition;
        }
    }

    public TemplateDefinition? Lookup(string name) =>
        _templates.TryGetValue(name, out var t) ? t : _parent?.Lookup(name);

    public TemplateFunction? Function(string name) => _functions.GetValueOrDefault(name);

    /// <summary>Executes a named template; throws <see cref="TemplateException"/> (e.g. <c>no template "x" associated …</c>).</summary>
    public string ExecuteTemplate(string name, object? data, bool html)
    {
        var template = Lookup(name) ?? throw new TemplateException("template: no template " + GoQuote.Quote(name) + " associated with template \"\"");
        var sb = new StringBuilder(256);
        TemplateExecutor.Execute(this, template, data, sb, html);
        return sb.ToString();
    }

    /// <summary>Alertmanager's ExecuteTextString/ExecuteHTMLString: "" stays "", otherwise the text is parsed as template "" over this set.</summary>
    public string Execute(string text, object? data, bool html)
    {
        if (text.Length == 0)
        {
            return "";
        }
        if (!_texts.TryGetValue(text, out var overlay))
        {
            overlay = new TemplateSet(_functions, this);
            overlay.Parse("", "", text);
            if (_texts.Count < MaxCachedTexts)
            {
                _texts.TryAdd(text, overlay);
            }
        }
        return overlay.ExecuteTemplate("", data, html);
    }
}
