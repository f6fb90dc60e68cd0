from pk_report.cli import main

if __name__ == "__main__":  # a spawned child (Windows) imports this module without running it
    main()
