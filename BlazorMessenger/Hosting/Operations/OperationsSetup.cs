using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace BlazorMessenger.Hosting.Operations;

/// <summary>
/// What an operator watches: the health endpoints, the Prometheus scrape endpoint (off unless configured) and
/// OpenTelemetry, which also pushes traces and metrics over OTLP when <see cref="OtlpEndpointVariable"/> is set.
/// </summary>
public static class OperationsSetup
{
    public const string LivePath = "/health/live";
    public const string ReadyPath = "/health/ready";
    public const string MetricsPath = "/metrics";

    /// <summary>OpenTelemetry's own variable; its exporter reads the protocol and headers from the other OTEL_* ones.</summary>
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    private const string ServiceNameVariable = "OTEL_SERVICE_NAME";
    private const string ReadinessTag = "ready";

    public static void AddMessengerOperations(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddHealthChecks()
            .AddCheck<DatabaseCheck>("database", tags: [ReadinessTag])
            .AddCheck<StorageCheck>("storage", tags: [ReadinessTag])
            .AddCheck<WriterCheck>("writer", tags: [ReadinessTag]);
        services.AddOptions<HealthCheckServiceOptions>().PostConfigure<IOptions<HealthOptions>>((health, options) =>
        {
            foreach (var check in health.Registrations)
            {
                check.Timeout = TimeSpan.FromSeconds(options.Value.CheckTimeoutSeconds);
            }
        });

        // Decided once, from the configuration the app starts with: when neither is on, OpenTelemetry is not even loaded.
        var plan = new TelemetryPlan(
            builder.Configuration.GetSection(MetricsOptions.SectionName).Get<MetricsOptions>()?.Enabled == true,
            !string.IsNullOrWhiteSpace(builder.Configuration[OtlpEndpointVariable]));
        services.AddSingleton(plan);
        if (plan.Scrape || plan.Export)
        {
            builder.AddTelemetry(plan);
        }
    }

    public static void MapMessengerOperations(this WebApplication app)
    {
        app.MapHealthChecks(LivePath, new HealthCheckOptions { Predicate = _ => false }).ForOperators();
        app.MapHealthChecks(ReadyPath, new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadinessTag),
            ResponseWriter = HealthResponse.WriteAsync,
        }).ForOperators();

        // Made now, so the people-online gauge reports from the first scrape rather than from the first send.
        app.Services.GetRequiredService<MessengerMetrics>();
        if (app.Services.GetRequiredService<TelemetryPlan>().Scrape)
        {
            app.MapMetrics(new MetricsAccess(app.Services.GetRequiredService<IOptions<MetricsOptions>>().Value.AllowedAddresses));
        }
    }

    private static void MapMetrics(this WebApplication app, MetricsAccess access) =>
        app.MapPrometheusScrapingEndpoint(MetricsPath, meterProvider: null, configureBranchedPipeline: branch => branch.Use(
            async (context, next) =>
            {
                if (access.Allows(context.Connection.RemoteIpAddress))
                {
                    await next(context);
                }
                else
                {
                    // As if there were no such page.
                    context.Response.StatusCode = StatusCodes.Status404NotFound;
                }
            }), optionsName: null).ForOperators();

    /// <summary>
    /// ASP.NET Core's meters (the Blazor circuits' "Microsoft.AspNetCore.Components.Server.Circuits" among them) and the
    /// runtime's are added by name: on .NET 10 that is all the instrumentation packages' Add…Instrumentation do for metrics.
    /// </summary>
    private static void AddTelemetry(this WebApplicationBuilder builder, TelemetryPlan plan)
    {
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(builder.Configuration[ServiceNameVariable] ?? MessengerMetrics.MeterName))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(MessengerMetrics.MeterName, "Microsoft.AspNetCore.*", "System.Runtime");
                if (plan.Scrape)
                {
                    metrics.AddPrometheusExporter();
                }

                if (plan.Export)
                {
                    metrics.AddOtlpExporter();
                }
            });

        if (plan.Export)
        {
            telemetry.WithTracing(tracing => tracing
                .AddSource(MessengerActivities.Source.Name)
                .AddAspNetCoreInstrumentation(options =>
                {
                    options.Filter = context => !IsOperational(context.Request.Path);
                    options.EnrichWithHttpRequest = (activity, request) =>
                    {
                        if (SecretPaths.Redact(request.Path.Value) is { } redacted)
                        {
                            activity.SetTag("url.path", redacted);
                        }
                    };
                })
                .AddOtlpExporter());
        }
    }

    /// <summary>Whether <c>/metrics</c> is served, and whether traces and metrics are pushed over OTLP.</summary>
    private sealed record TelemetryPlan(bool Scrape, bool Export);

    private static bool IsOperational(PathString path) => path.StartsWithSegments("/health") || path.StartsWithSegments(MetricsPath);

    /// <summary>Answered during a migration, never rate-limited or behind a login, and left out of the HTTP metrics.</summary>
    private static TBuilder ForOperators<TBuilder>(this TBuilder endpoint)
        where TBuilder : IEndpointConventionBuilder =>
        endpoint.BypassStorageGate().DisableRateLimiting().AllowAnonymous().DisableHttpMetrics();
}
