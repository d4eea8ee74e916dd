namespace Vigil.Server.Templates;

/// <summary>The flags, width and precision of one Printf verb (-1 when absent).</summary>
internal sealed class FormatSpec
{
    public bool Minus { get; set; }

    public bool Plus { get; set; }

    public bool Sharp { get; set; }

    public bool Space { get; set; }

    public bool Zero { get; set; }

    public int Width { get; set; } = -1;

    public int Precision { get; set; } = -1;

    public void SetFlag(char flag)
    {
        switch (flag)
        {
            case '-': Minus = true; Zero = false; break;
            case '+': Plus = true; break;
            case '#': Sharp = true; break;
            case ' ': Space = true; break;
            case '0': Zero = !Minus; break;
        }
    }
}
