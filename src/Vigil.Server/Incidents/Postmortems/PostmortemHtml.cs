using System.Net;
using System.Text;

namespace Vigil.Server.Incidents.Postmortems;

/// <summary>
/// A postmortem as one self-contained HTML page (no scripts, no external assets): the same sections as the Markdown,
/// lines starting <c>- </c> as list items, <c>- [ ]</c>/<c>- [x]</c> as open/done measures. Everything is HTML-encoded.
/// </summary>
public static class PostmortemHtml
{
    public static string Render(Postmortem p)
    {
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
          .Append("<title>").Append(E(p.Title)).Append(" — postmortem</title>")
          .Append("<style>body{font:16px/1.5 system-ui,sans-serif;max-width:50rem;margin:2rem auto;padding:0 1rem;color:#222}")
          .Append("h2{border-bottom:1px solid #ddd;margin-top:2rem}.draft{background:#fff3cd;padding:.5rem}ul{padding-left:1.2rem}")
          .Append("li.open::marker{content:'☐ '}li.done::marker{content:'☑ '}</style></head><body>\n");
        sb.Append("<h1>").Append(E(p.Title)).Append("</h1>\n");
        if (p.Preliminary)
        {
            sb.Append("<p class=\"draft\">Preliminary: the incident is still open; every time this is asked for it is written again from the record.</p>\n");
        }
        foreach (var s in p.Sections)
        {
            sb.Append("<section id=\"").Append(E(s.Name)).Append("\"><h2>").Append(E(s.Heading)).Append("</h2>\n");
            var inList = false;
            foreach (var line in s.Lines)
            {
                var item = line.StartsWith("- ", StringComparison.Ordinal);
                if (item != inList)
                {
                    sb.Append(item ? "<ul>\n" : "</ul>\n");
                    inList = item;
                }
                if (!item)
                {
                    if (line.Length > 0)
                    {
                        sb.Append("<p>").Append(E(line)).Append("</p>\n");
                    }
                    continue;
                }
                var text = line[2..];
                var css = text.StartsWith("[ ] ", StringComparison.Ordinal) ? "open" : text.StartsWith("[x] ", StringComparison.Ordinal) ? "done" : null;
                sb.Append(css is null ? "<li>" : $"<li class=\"{css}\">").Append(E(css is null ? text : text[4..])).Append("</li>\n");
            }
            if (inList)
            {
                sb.Append("</ul>\n");
            }
            sb.Append("</section>\n");
        }
        return sb.Append("</body></html>\n").ToString();
    }

    private static string E(string s) => WebUtility.HtmlEncode(s);
}
