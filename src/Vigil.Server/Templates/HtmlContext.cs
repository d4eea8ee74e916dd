using System.Text;

namespace Vigil.Server.Templates;

/// <summary>
/// html/template's contextual escaping, followed at run time over the template's own text: element text and RCDATA
/// (<c>&lt;title&gt;</c>) get the HTML escaper, quoted and unquoted attribute values the attribute escapers, URL
/// attributes (<c>href</c>, <c>src</c>, …) the URL filter/normalizer before <c>?</c>/<c>#</c> and the URL escaper after.
/// HTML comments in template text are removed, as html/template does. Values inside <c>&lt;script&gt;</c>,
/// <c>&lt;style&gt;</c>, <c>style=</c> and <c>on*=</c> are HTML-escaped (Go's JS/CSS escapers are not implemented).
/// </summary>
internal sealed class HtmlContext
{
    private static readonly HashSet<string> UrlAttributes = new(StringComparer.OrdinalIgnoreCase)
    {
        "action", "archive", "background", "cite", "classid", "codebase", "data", "formaction", "href", "icon", "longdesc",
        "manifest", "poster", "profile", "src", "usemap", "xmlns",
    };

    private HtmlState _state = HtmlState.Text;
    private char _quote;
    private bool _urlAttribute;
    private UrlPart _urlPart;
    private readonly StringBuilder _name = new();
    private string _rawElement = "";
    private int _dashes;

    private enum UrlPart
    {
        None,
        PreQuery,
        QueryOrFragment,
    }

    /// <summary>Advances the context over template text and returns what is written (comments elided).</summary>
    public string Feed(string text)
    {
        StringBuilder? kept = null;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (_state == HtmlState.Comment)
            {
                kept ??= new StringBuilder(text[..i]);
                if (c == '>' && _dashes >= 2)
                {
                    _state = HtmlState.Text;
                }
                _dashes = c == '-' ? _dashes + 1 : 0;
                continue;
            }
            if (_state == HtmlState.Text && c == '<' && string.CompareOrdinal(text, i, "<!--", 0, 4) == 0)
            {
                kept ??= new StringBuilder(text[..i]);
                _state = HtmlState.Comment;
                _dashes = 0;
                i += 3;
                continue;
            }
            kept?.Append(c);
            Step(text, i, c);
        }
        return kept?.ToString() ?? text;
    }

    private void Step(string text, int i, char c)
    {
        switch (_state)
        {
            case HtmlState.Text:
                if (c == '<' && i + 1 < text.Length && (char.IsAsciiLetter(text[i + 1]) || text[i + 1] == '/'))
                {
                    _state = HtmlState.TagName;
                    _name.Clear();
                }
                break;
            case HtmlState.RawText:
                if (c == '<' && string.Compare(text, i, "</" + _rawElement, 0, _rawElement.Length + 2, StringComparison.OrdinalIgnoreCase) == 0)
                {
                    _state = HtmlState.TagName;
                    _name.Clear();
                }
                break;
            case HtmlState.TagName:
                if (char.IsWhiteSpace(c) || c == '>')
                {
                    string tag = _name.ToString().ToLowerInvariant();
                    _rawElement = tag is "script" or "style" or "textarea" or "title" ? tag : "";
                    _state = c == '>' ? AfterTag() : HtmlState.Tag;
                }
                else
                {
                    _name.Append(c);
                }
                break;
            case HtmlState.Tag:
                if (c == '>')
                {
                    _state = AfterTag();
                }
                else if (!char.IsWhiteSpace(c) && c != '/')
                {
                    _name.Clear().Append(c);
                    _state = HtmlState.AttrName;
                }
                break;
            case HtmlState.AttrName:
                if (c == '=')
                {
                    StartValue();
                }
                else if (c == '>')
                {
                    _state = AfterTag();
                }
                else if (char.IsWhiteSpace(c))
                {
                    _state = HtmlState.AfterAttrName;
                }
                else
                {
                    _name.Append(c);
                }
                break;
            case HtmlState.AfterAttrName:
                if (c == '=')
                {
                    StartValue();
                }
                else if (c == '>')
                {
                    _state = AfterTag();
                }
                else if (!char.IsWhiteSpace(c))
                {
                    _name.Clear().Append(c);
                    _state = HtmlState.AttrName;
                }
                break;
            case HtmlState.BeforeValue:
                if (c is '"' or '\'')
                {
                    _quote = c;
                    _state = HtmlState.AttrValue;
                }
                else if (!char.IsWhiteSpace(c))
                {
                    _quote = '\0';
                    _state = HtmlState.AttrValue;
                    UrlText(c);
                }
                break;
            case HtmlState.AttrValue:
                if (_quote != '\0' ? c == _quote : char.IsWhiteSpace(c) || c == '>')
                {
                    _state = c == '>' ? AfterTag() : HtmlState.Tag;
                }
                else
                {
                    UrlText(c);
                }
                break;
        }
    }

    private void StartValue()
    {
        string attr = _name.ToString();
        int colon = attr.IndexOf(':', StringComparison.Ordinal);
        string local = colon >= 0 ? attr[(colon + 1)..] : attr;
        _urlAttribute = UrlAttributes.Contains(local) || local.Contains("url", StringComparison.OrdinalIgnoreCase) || local.Contains("uri", StringComparison.OrdinalIgnoreCase);
        _urlPart = UrlPart.None;
        _state = HtmlState.BeforeValue;
    }

    private void UrlText(char c)
    {
        if (!_urlAttribute)
        {
            return;
        }
        if (c is '?' or '#')
        {
            _urlPart = UrlPart.QueryOrFragment;
        }
        else if (_urlPart == UrlPart.None && !char.IsWhiteSpace(c))
        {
            _urlPart = UrlPart.PreQuery;
        }
    }

    private HtmlState AfterTag()
    {
        bool closing = _name.Length > 0 && _name[0] == '/';
        if (closing || _rawElement.Length == 0)
        {
            _rawElement = "";
            return HtmlState.Text;
        }
        return HtmlState.RawText;
    }

    /// <summary>The escaped form of a printed value in the current context.</summary>
    public string Escape(object? value, string? predefined)
    {
        var safe = value as SafeText;
        string s = value is string str ? str : safe?.Text ?? Stringify(value);
        // A pipeline ending in html or urlquery already did the escaper it is equivalent to (Go drops the duplicate).
        bool urlDone = predefined == "urlquery";
        switch (_state)
        {
            case HtmlState.Comment:
                return "";
            case HtmlState.AttrValue or HtmlState.BeforeValue when _urlAttribute && urlDone:
                return _quote == '\0' && _state == HtmlState.AttrValue ? HtmlEscapers.NoSpace(s) : HtmlEscapers.Attr(s, false);
            case HtmlState.AttrValue or HtmlState.BeforeValue or HtmlState.Text or HtmlState.RawText when predefined == "html":
                return s;
            case HtmlState.AttrValue or HtmlState.BeforeValue when _urlAttribute:
                string url = _urlPart == UrlPart.QueryOrFragment
                    ? HtmlEscapers.Url(s, normalize: safe is { IsUrl: true })
                    : HtmlEscapers.Url(safe is { IsUrl: true } || HtmlEscapers.IsSafeUrl(s) ? s : "#ZgotmplZ", normalize: true);
                return _quote == '\0' && _state == HtmlState.AttrValue ? HtmlEscapers.NoSpace(url) : HtmlEscapers.Attr(url, false);
            case HtmlState.AttrValue when _quote == '\0':
                return HtmlEscapers.NoSpace(safe is { IsUrl: false } ? HtmlEscapers.StripTags(s) : s);
            case HtmlState.AttrValue or HtmlState.BeforeValue:
                return HtmlEscapers.Attr(s, safe is { IsUrl: false });
            default:
                return safe is { IsUrl: false } ? s : HtmlEscapers.Attr(s, false);
        }
    }

    private static string Stringify(object? value)
    {
        var sb = new StringBuilder();
        GoFormat.AppendValue(sb, value);
        return sb.ToString();
    }
}
