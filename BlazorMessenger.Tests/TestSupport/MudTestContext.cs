using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace BlazorMessenger.Tests.TestSupport;

/// <summary>
/// The shared bUnit base: loose JS interop (MudBlazor calls JS we don't care about) and Mud services.
/// xunit.v3 awaits DisposeAsync, which MudBlazor's async-disposable services need.
/// </summary>
public abstract class MudTestContext : BunitContext
{
    protected MudTestContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
    }
}
