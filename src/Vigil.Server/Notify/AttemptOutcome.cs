namespace Vigil.Server.Notify;

internal enum AttemptOutcome
{
    Delivered,
    Retry,
    Fail,
}
