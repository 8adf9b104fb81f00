using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BlazorMessenger.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class HiddenMessages : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "HiddenMessages",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "text", nullable: false),
                    MessageId = table.Column<long>(type: "bigint", nullable: false),
                    HiddenUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HiddenMessages", x => new { x.UserId, x.MessageId });
                    table.ForeignKey(
                        name: "FK_HiddenMessages_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_HiddenMessages_Messages_MessageId",
                        column: x => x.MessageId,
                        principalTable: "Messages",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_HiddenMessages_MessageId",
                table: "HiddenMessages",
                column: "MessageId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "HiddenMessages");
        }
    }
}
