namespace Vigil.Server.Oncall;

/// <summary>The unit of a rotation's length; all three step in local (wall-clock) time of the layer's zone.</summary>
public enum RotationUnit
{
    Hours,
    Days,
    Weeks,
}
