from pk_report.cli import main

main()
